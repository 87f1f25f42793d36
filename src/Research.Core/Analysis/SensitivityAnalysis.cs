using Research.Models;
using Research.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Analysis;

/// <summary>
/// §3.3.2 (after Novak et al. 2018): sensitivity = ‖∂softmax(f(x))/∂x‖_F per sample, averaged. Batched:
/// one backward pass per output class over a whole batch gives that class's row of every sample's
/// Jacobian at once (samples do not interact in eval mode), so the cost is classes × batches passes.
/// </summary>
public static class SensitivityAnalysis
{
    public static double MeanJacobianNorm(SpecModel model, Tensor x, int batch) =>
        MeanOverSamples(model, x, batch, (input, start, size) =>
        {
            var probabilities = nn.functional.softmax(model.forward(input), 1);
            long classes = probabilities.shape[1];
            var squared = zeros(size, dtype: float64);
            for (long k = 0; k < classes; k++)
            {
                var row = torch.autograd.grad([probabilities.select(1, k).sum()], [input], retain_graph: k < classes - 1)[0];
                squared.add_(row.reshape(size, -1).pow(OwnedScalars.Two).sum(1).to_type(float64), OwnedScalars.One);
            }
            return squared.sqrt();
        });

    /// <summary>
    /// ‖∂ℓ(f(x), y)/∂x‖ per sample (ℓ the experiment's per-sample loss), averaged: the loss's input gradient, the other
    /// reading of "sensitivity to changes in the input". One backward pass per batch: the batch's mean loss times its
    /// size is the sum of the per-sample losses, whose gradient with respect to sample i's input is ∂ℓᵢ/∂xᵢ.
    /// </summary>
    public static double MeanLossGradientNorm(SpecModel model, Tensor x, Tensor y, Specs.LossKind loss, int batch)
    {
        using var constants = new OwnedScalars();
        return MeanOverSamples(model, x, batch, (input, start, size) =>
        {
            var total = Training.Losses.Of(loss, model.forward(input), y.narrow(0, start, size)).mul(constants.Of(size));
            var gradient = torch.autograd.grad([total], [input])[0];
            return gradient.reshape(size, -1).to_type(float64).pow(OwnedScalars.Two).sum(1).sqrt();
        });
    }

    /// <summary>The mean over all samples of a per-sample norm computed batch by batch (eval mode; each batch a fresh leaf input that needs its gradient).</summary>
    static double MeanOverSamples(SpecModel model, Tensor x, int batch, Func<Tensor, long, long, Tensor> perSample)
    {
        model.eval();
        long n = x.shape[0];
        double sum = 0;
        for (long start = 0; start < n; start += batch)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(batch, n - start);
            var input = x.narrow(0, start, size).detach().clone().requires_grad_(true);
            sum += perSample(input, start, size).sum().item<double>();
        }
        return sum / n;
    }
}
