using Research.Specs;
using Research.Training.Optimizers;
using Research.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// §2.3, "what happens when the gradient is almost zero": from a trained model, minimise ‖∇θL‖² until
/// the gradient norm is below a threshold (or a step budget runs out), then take the exact Hessian of the
/// loss over all parameters and the share of its eigenvalues that are positive (the minimal ratio). The
/// §2.2 network's derivatives come in closed form (<see cref="ShallowReluMse"/>); other models use
/// autograd (one double-backward row per parameter for the Hessian).
/// </summary>
public static class CriticalPointAnalysis
{
    /// <summary>The names of the values it adds to the run (registered as measures).</summary>
    public const string MinimalRatio = "minimal_ratio", CriticalLoss = "critical_loss", CriticalGradientNorm = "critical_gradient_norm";

    /// <param name="model">The trained model.</param>
    /// <param name="spec">Its layers: the §2.2 shape [dense: H, relu, dense: 1] takes the closed form (<see cref="ShallowReluMse"/>), any other autograd.</param>
    /// <param name="parameters">Its parameters, in module order.</param>
    /// <param name="x">Training inputs.</param>
    /// <param name="y">Training targets.</param>
    /// <param name="critical">The phase's settings.</param>
    public static Dictionary<string, double> Run(
        nn.Module<Tensor, Tensor> model, ModelSpec spec, IReadOnlyList<Parameter> parameters, Tensor x, Tensor y, CriticalPointSpec critical)
    {
        model.eval();
        var closedForm = ShallowReluMse.Applies(spec, x);
        var (norm, steps) = closedForm ? MinimiseClosedForm(parameters, x, y, critical) : MinimiseAutograd(model, parameters, x, y, critical);
        using var hessianScope = NewDisposeScope();
        Tensor hessian;
        double criticalLoss;
        if (closedForm)
        {
            using var derivatives = new ShallowReluMse(x, y);
            using var _ = no_grad();
            hessian = derivatives.Hessian(parameters.Cast<Tensor>().ToList());
            criticalLoss = derivatives.Forward(parameters.Cast<Tensor>().ToList()).Loss.item<float>();
        }
        else (hessian, criticalLoss) = HessianAutograd(model, parameters, x, y);
        int n = (int)hessian.shape[0];
        hessian = hessian.add(hessian.t(), OwnedScalars.One).div(OwnedScalars.Two);
        var eigen = linalg.eigvalsh(hessian);
        using var tolerance = new OwnedScalars();
        var positive = eigen.gt(tolerance.Of(critical.EigenTolerance)).sum().item<long>();
        return new Dictionary<string, double>
        {
            [MinimalRatio] = (double)positive / n,
            [CriticalLoss] = criticalLoss,
            [CriticalGradientNorm] = norm,
            ["critical_steps"] = steps,
            ["eigen_min"] = eigen[0].item<double>(),
            ["eigen_max"] = eigen[n - 1].item<double>(),
        };
    }

    /// <summary>Adam on ‖∇θL‖² until the norm is below the threshold or the budget is spent; the gradient of ‖∇θL‖² is 2·H·∇θL in closed form.</summary>
    static (double Norm, int Steps) MinimiseClosedForm(IReadOnlyList<Parameter> parameters, Tensor x, Tensor y, CriticalPointSpec spec)
    {
        using var optimizer = new AdamStep(new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = spec.Lr }, parameters);
        using var derivatives = new ShallowReluMse(x, y);
        using var constants = new OwnedScalars();
        var two = constants.Of(2.0);
        using var _ = no_grad();
        var w = parameters.Cast<Tensor>().ToList();
        double norm = double.NaN;
        int steps = 0;
        for (; steps <= spec.MaxSteps; steps++)
        {
            using var scope = NewDisposeScope();
            var (mask, a, p, _) = derivatives.Forward(w);
            var gradient = derivatives.Gradient(w, mask, a, p);
            norm = Math.Sqrt(gradient.Select(g => g.pow(OwnedScalars.Two).sum()).Aggregate((s, t) => s.add_(t, OwnedScalars.One)).item<float>());
            if (norm < spec.GradientBelow || steps == spec.MaxSteps) break;
            var direction = derivatives.HessianVector(w, mask, a, p, gradient);
            foreach (var d in direction) d.mul_(two);
            optimizer.Step(direction);
        }
        return (norm, steps);
    }

    static (double Norm, int Steps) MinimiseAutograd(nn.Module<Tensor, Tensor> model, IReadOnlyList<Parameter> parameters, Tensor x, Tensor y, CriticalPointSpec spec)
    {
        using var optimizer = new AdamStep(new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = spec.Lr }, parameters);
        var inputs = parameters.Cast<Tensor>().ToList();
        double norm = double.NaN;
        int steps = 0;
        for (; steps <= spec.MaxSteps; steps++)
        {
            using var scope = NewDisposeScope();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            var grads = torch.autograd.grad([loss], inputs, retain_graph: true, create_graph: true);
            var squared = grads.Select(g => g.pow(OwnedScalars.Two).sum()).Aggregate((a, b) => a.add(b, OwnedScalars.One));
            norm = Math.Sqrt(squared.item<float>());
            if (norm < spec.GradientBelow || steps == spec.MaxSteps) break;
            optimizer.ZeroGrad();
            squared.backward();
            optimizer.Step();
        }
        return (norm, steps);
    }

    /// <summary>The exact Hessian by autograd: one double-backward row per parameter (float64), and the loss.</summary>
    public static (Tensor Hessian, double Loss) HessianAutograd(nn.Module<Tensor, Tensor> model, IReadOnlyList<Parameter> parameters, Tensor x, Tensor y)
    {
        var inputs = parameters.Cast<Tensor>().ToList();
        var criticalLoss = nn.functional.mse_loss(model.forward(x), y);
        var flat = cat(torch.autograd.grad([criticalLoss], inputs, retain_graph: true, create_graph: true).Select(g => g.flatten()).ToArray());
        int n = (int)flat.shape[0];
        var rows = new Tensor[n];
        for (int i = 0; i < n; i++)
        {
            using var rowScope = NewDisposeScope();
            var second = torch.autograd.grad([flat[i]], inputs, retain_graph: true, allow_unused: true);
            rows[i] = cat(second.Select((g, k) => (g is null ? zeros_like(inputs[k]) : g).flatten()).ToArray()).to_type(float64).MoveToOuterDisposeScope();
        }
        return (stack(rows), criticalLoss.item<float>());
    }
}
