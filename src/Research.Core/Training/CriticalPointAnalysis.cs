using Research.Specs;
using Research.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// §2.3, "what happens when the gradient is almost zero": from a trained model, minimise ‖∇θL‖² until
/// the gradient norm is below a threshold (or a step budget runs out), then take the exact Hessian of the
/// loss over all parameters — one double-backward row per parameter, small enough at 1,501 — and the
/// share of its eigenvalues that are positive (the minimal ratio).
/// </summary>
public static class CriticalPointAnalysis
{
    public static Dictionary<string, double> Run(
        nn.Module<Tensor, Tensor> model, IReadOnlyList<Parameter> parameters, Tensor x, Tensor y, CriticalPointSpec spec)
    {
        model.eval();
        using var optimizer = new AdamStep(new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = spec.Lr }, parameters);
        var inputs = parameters.Cast<Tensor>().ToList();
        double norm = double.NaN;
        int steps = 0;
        for (; steps <= spec.MaxSteps; steps++)
        {
            using var scope = NewDisposeScope();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            var grads = torch.autograd.grad([loss], inputs, retain_graph: true, create_graph: true);
            var squared = grads.Select(g => g.square().sum()).Aggregate((a, b) => a + b); // square(), not pow(2): no Scalar per step
            norm = Math.Sqrt(squared.item<float>());
            if (norm < spec.GradientBelow || steps == spec.MaxSteps) break;
            optimizer.ZeroGrad();
            squared.backward();
            optimizer.Step();
        }

        using var hessianScope = NewDisposeScope();
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
        var hessian = stack(rows);
        hessian = (hessian + hessian.t()) / 2;
        var eigen = linalg.eigvalsh(hessian);
        var positive = (eigen > spec.EigenTolerance).sum().item<long>();
        return new Dictionary<string, double>
        {
            ["minimal_ratio"] = (double)positive / n,
            ["critical_loss"] = criticalLoss.item<float>(),
            ["critical_gradient_norm"] = norm,
            ["critical_steps"] = steps,
            ["eigen_min"] = eigen[0].item<double>(),
            ["eigen_max"] = eigen[n - 1].item<double>(),
        };
    }
}
