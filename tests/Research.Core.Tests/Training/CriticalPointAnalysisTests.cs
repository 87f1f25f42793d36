using FluentAssertions;
using Research.Models;
using Research.Specs;
using Research.Torch;
using Research.Training;
using static TorchSharp.torch;

namespace Research.Tests.Training;

public class CriticalPointAnalysisTests
{
    [Fact]
    public void TheHessianOfALinearFitIsTwiceTheInputsSecondMoments()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        manual_seed(1);
        using var scope = NewDisposeScope();
        var model = new SpecModel(new ModelSpec
        {
            Id = "linear", Label = "linear", Layers = [new DenseLayer(1)],
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 0.1 },
        }, [1]);
        var x = linspace(-1, 1, 21).reshape(21, 1);
        var y = 3 * x + 1;
        var result = CriticalPointAnalysis.Run(model, model.parameters().ToList(), x, y,
            new CriticalPointSpec { MaxSteps = 3000, Lr = 0.05, GradientBelow = 1e-4, EigenTolerance = 1e-9 });

        // L = mean((w·x + b − y)²): H = 2·[[mean x², mean x], [mean x, 1]] = 2·[[0.3667, 0], [0, 1]] on this grid.
        var meanSquare = Enumerable.Range(0, 21).Select(i => Math.Pow(-1 + i * 0.1, 2)).Average();
        result["eigen_min"].Should().BeApproximately(2 * meanSquare, 1e-4);
        result["eigen_max"].Should().BeApproximately(2, 1e-4);
        result["minimal_ratio"].Should().Be(1, "a convex quadratic has only positive curvature");
        result["critical_gradient_norm"].Should().BeLessThan(1e-4);
        result["critical_loss"].Should().BeLessThan(1e-6);
    }
}
