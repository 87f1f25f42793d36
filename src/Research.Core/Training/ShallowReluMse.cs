using Research.Specs;
using Research.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// Closed-form derivatives of the MSE of the §2.2/§2.3 network f(x) = w₂·relu(w₁x + b₁) + b₂ (scalar input
/// and output, H hidden units): the gradient, the Hessian-vector product and the full Hessian, with the
/// parameters in module order [w₁ (H×1), b₁ (H), w₂ (1×H), b₂ (1)]. With p = (2/N)·r (r the residuals) and
/// m = 1[z &gt; 0], the Hessian is (2/N)·JᵀJ plus the residual term Σᵢ pᵢ·∇²fᵢ, whose only non-zero entries
/// couple w₂ⱼ with w₁ⱼ (Σᵢ pᵢmᵢⱼxᵢ) and with b₁ⱼ (Σᵢ pᵢmᵢⱼ); relu'' = 0, as autograd has it. This replaces
/// one double-backward pass per parameter (1,501 for the Hessian, two per gradient-norm step) with a few
/// N × H tensor operations; tests check it against autograd.
/// </summary>
public sealed class ShallowReluMse : IDisposable
{
    readonly Tensor _x, _y;
    readonly OwnedScalars _constants = new();
    readonly Scalar _twoOverN, _zero;

    public ShallowReluMse(Tensor x, Tensor y)
    {
        _x = x;
        _y = y;
        _twoOverN = _constants.Of(2.0 / x.shape[0]);
        _zero = _constants.Of(0L);
    }

    /// <summary>Whether the model is [dense: H, relu, dense: 1] on one input feature.</summary>
    public static bool Applies(ModelSpec model, Tensor x) =>
        x.dim() == 2 && x.shape[1] == 1 &&
        model.Layers is [DenseLayer, ActivationLayer { Kind: ActivationKind.Relu }, DenseLayer { Out: 1 }];

    /// <summary>Forward pass pieces at the given parameters: relu mask, activations, (2/N)·residuals, loss.</summary>
    public (Tensor Mask, Tensor Activations, Tensor P, Tensor Loss) Forward(IReadOnlyList<Tensor> w)
    {
        var z = _x.mm(w[0].t()).add_(w[1], OwnedScalars.One);
        var mask = z.gt(_zero).to_type(z.dtype);
        var a = z.mul_(mask);
        var r = a.mm(w[2].t()).add_(w[3], OwnedScalars.One).sub_(_y);
        var loss = r.pow(OwnedScalars.Two).mean();
        return (mask, a, r.mul_(_twoOverN), loss);
    }

    /// <summary>∇θ of the MSE, as [w₁, b₁, w₂, b₂].</summary>
    public Tensor[] Gradient(IReadOnlyList<Tensor> w, Tensor mask, Tensor a, Tensor p) => Backward(w, mask, a, p);

    /// <summary>Jᵀq for a per-sample vector q (N×1): back-propagation through the linearised network.</summary>
    Tensor[] Backward(IReadOnlyList<Tensor> w, Tensor mask, Tensor a, Tensor q)
    {
        var dz = q.mm(w[2]).mul_(mask);
        return [dz.t().mm(_x), dz.sum(dim: 0), q.t().mm(a), q.sum(dim: 0)];
    }

    /// <summary>H·u, the Hessian of the MSE times a direction u = [u_w₁, u_b₁, u_w₂, u_b₂].</summary>
    public Tensor[] HessianVector(IReadOnlyList<Tensor> w, Tensor mask, Tensor a, Tensor p, IReadOnlyList<Tensor> u)
    {
        // Gauss–Newton part: (2/N)·Jᵀ(J·u).
        var ju = _x.mm(u[0].t()).add_(u[1], OwnedScalars.One).mul_(mask).mm(w[2].t()).add_(a.mm(u[2].t()), OwnedScalars.One).add_(u[3], OwnedScalars.One).mul_(_twoOverN);
        var gn = Backward(w, mask, a, ju);
        // Residual part: Σᵢ pᵢ·∇²fᵢ·u.
        var (sx, s1) = ResidualSums(mask, p);
        var uv = u[2].t(); // H×1
        return
        [
            gn[0].add_(uv * sx, OwnedScalars.One),
            gn[1].add_((uv * s1).squeeze(1), OwnedScalars.One),
            gn[2].add_((u[0] * sx).add(u[1].unsqueeze(1) * s1, OwnedScalars.One).t(), OwnedScalars.One),
            gn[3],
        ];
    }

    /// <summary>The full Hessian (float64, P × P, module order).</summary>
    public Tensor Hessian(IReadOnlyList<Tensor> w)
    {
        using var scope = NewDisposeScope();
        return Derivatives64(w).Hessian.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The gradient (flat, P) and the full Hessian (P × P), both float64 from a float64 copy of the parameters, and
    /// the float64 loss: what a Newton step on ∇θL = 0 needs.
    /// </summary>
    public (Tensor Gradient, Tensor Hessian, double Loss) Derivatives64(IReadOnlyList<Tensor> w)
    {
        using var scope = NewDisposeScope();
        var w64 = w.Select(t => t.detach().to_type(float64)).ToArray();
        using var model = new ShallowReluMse(_x.to_type(float64), _y.to_type(float64));
        var (mask, a, p, loss) = model.Forward(w64);
        var gradient = cat(model.Backward(w64, mask, a, p).Select(g => g.flatten()).ToArray());
        var v = w64[2];                                     // 1×H
        var j = cat([mask * v * model._x, mask * v, a, ones(a.shape[0], 1, dtype: float64)], 1); // N×P
        var hessian = j.t().mm(j).mul_(model._twoOverN);
        var (sx, s1) = model.ResidualSums(mask, p);
        long h = a.shape[1];
        var coupling = zeros(hessian.shape[0], hessian.shape[1], dtype: float64);
        coupling.narrow(0, 0, h).narrow(1, 2 * h, h).copy_(diag(sx.squeeze(1)));
        coupling.narrow(0, h, h).narrow(1, 2 * h, h).copy_(diag(s1.squeeze(1)));
        hessian.add_(coupling, OwnedScalars.One).add_(coupling.t(), OwnedScalars.One);
        return (gradient.MoveToOuterDisposeScope(), hessian.MoveToOuterDisposeScope(), loss.item<double>());
    }

    /// <summary>‖∇θL‖ from a float64 copy of the parameters.</summary>
    public double GradientNorm64(IReadOnlyList<Tensor> w)
    {
        using var scope = NewDisposeScope();
        var w64 = w.Select(t => t.detach().to_type(float64)).ToArray();
        using var model = new ShallowReluMse(_x.to_type(float64), _y.to_type(float64));
        var (mask, a, p, _) = model.Forward(w64);
        return Math.Sqrt(model.Backward(w64, mask, a, p).Sum(g => g.pow(OwnedScalars.Two).sum().item<double>()));
    }

    /// <summary>Σᵢ pᵢmᵢⱼxᵢ and Σᵢ pᵢmᵢⱼ, each H×1.</summary>
    (Tensor Sx, Tensor S1) ResidualSums(Tensor mask, Tensor p) => (mask.t().mm(p * _x), mask.t().mm(p));

    public void Dispose() => _constants.Dispose();
}
