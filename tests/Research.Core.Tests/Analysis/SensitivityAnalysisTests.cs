using FluentAssertions;
using Research.Analysis;
using Research.Models;
using Research.Specs;
using Research.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Tests.Analysis;

public class SensitivityAnalysisTests
{
    internal static ModelSpec Small() => new()
    {
        Id = "small", Label = "small",
        Layers = [new DenseLayer(4), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(3)],
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 0.1 },
    };

    /// <summary>‖∂softmax(f(x))/∂x‖_F the slow way: one sample, one output at a time.</summary>
    static double Reference(SpecModel model, Tensor x)
    {
        long n = x.shape[0];
        double sum = 0;
        for (long i = 0; i < n; i++)
        {
            using var scope = NewDisposeScope();
            var input = x[i].unsqueeze(0).detach().clone().requires_grad_(true);
            var p = nn.functional.softmax(model.forward(input), 1);
            double squared = 0;
            for (long k = 0; k < p.shape[1]; k++)
            {
                var g = torch.autograd.grad([p[0, k]], [input], retain_graph: true)[0];
                squared += g.to_type(float64).pow(OwnedScalars.Two).sum().item<double>();
            }
            sum += Math.Sqrt(squared);
        }
        return sum / n;
    }

    [Fact]
    public void BatchedJacobianNormEqualsThePerSampleReference()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var model = new SpecModel(Small(), [5]);
        model.eval();
        using var constants = new OwnedScalars();
        var x = randn(7, 5).mul(constants.Of(2L));
        var expected = Reference(model, x);
        expected.Should().BeGreaterThan(1e-3, "a random network is not flat in its inputs");
        foreach (var batch in new[] { 3, 1, 7, 100 })
            SensitivityAnalysis.MeanJacobianNorm(model, x, batch).Should().BeApproximately(expected, 1e-5, $"batch {batch}");
        x.requires_grad.Should().BeFalse("the data tensor is left as it was");
    }

    [Fact]
    public void BatchedLossGradientNormEqualsThePerSampleReference()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        manual_seed(6);
        using var model = new SpecModel(Small(), [5]);
        model.eval();
        using var constants = new OwnedScalars();
        var x = randn(7, 5).mul(constants.Of(2L));
        var y = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0 });
        double expected = 0;
        for (long i = 0; i < 7; i++)
        {
            using var sampleScope = NewDisposeScope();
            var input = x[i].unsqueeze(0).detach().clone().requires_grad_(true);
            var loss = nn.functional.cross_entropy(model.forward(input), y.narrow(0, i, 1));
            expected += torch.autograd.grad([loss], [input])[0].to_type(float64).norm().item<double>() / 7;
        }
        expected.Should().BeGreaterThan(1e-3);
        foreach (var batch in new[] { 3, 1, 7 })
            SensitivityAnalysis.MeanLossGradientNorm(model, x, y, LossKind.CrossEntropy, batch).Should().BeApproximately(expected, 1e-5, $"batch {batch}");
        SensitivityAnalysis.MeanLossGradientNorm(model, x, y, LossKind.CrossEntropy, 7)
            .Should().NotBeApproximately(SensitivityAnalysis.MeanJacobianNorm(model, x, 7), 1e-3, "the two readings measure different things");
    }
}
