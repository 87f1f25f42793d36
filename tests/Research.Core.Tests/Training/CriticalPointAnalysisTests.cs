using FluentAssertions;
using Research.Models;
using Research.Specs;
using Research.Torch;
using Research.Training;
using TorchSharp;
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
        var model = new SpecModel(LinearSpec, [1]);
        var x = linspace(-1, 1, 21).reshape(21, 1);
        using var constants = new OwnedScalars();
        var y = x.mul(constants.Of(3L)).add(constants.Of(1L), OwnedScalars.One);
        var result = CriticalPointAnalysis.Run(model, LinearSpec, model.parameters().ToList(), x, y,
            new CriticalPointSpec { MaxSteps = 3000, Lr = 0.05, GradientBelow = 1e-4, EigenTolerance = 1e-9 });

        // L = mean((w·x + b − y)²): H = 2·[[mean x², mean x], [mean x, 1]] = 2·[[0.3667, 0], [0, 1]] on this grid.
        var meanSquare = Enumerable.Range(0, 21).Select(i => Math.Pow(-1 + i * 0.1, 2)).Average();
        result["eigen_min"].Should().BeApproximately(2 * meanSquare, 1e-4);
        result["eigen_max"].Should().BeApproximately(2, 1e-4);
        result["minimal_ratio"].Should().Be(1, "a convex quadratic has only positive curvature");
        result["critical_gradient_norm"].Should().BeLessThan(1e-4);
        result["critical_loss"].Should().BeLessThan(1e-6);
    }

    static readonly ModelSpec LinearSpec = new()
    {
        Id = "linear", Label = "linear", Layers = [new DenseLayer(1)],
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 0.1 },
    };

    static ModelSpec Shallow(int hidden) => new()
    {
        Id = "shallow", Label = "shallow", Layers = [new DenseLayer(hidden), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(1)],
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 1e-3 },
    };

    [Fact]
    public void TheClosedFormHessianOfTheShallowReluNetworkIsAutogradsHessian()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        manual_seed(3);
        using var scope = NewDisposeScope();
        var spec = Shallow(9);
        using var model = new SpecModel(spec, [1]);
        var x = linspace(-1, 1, 37).reshape(37, 1);
        using var constants = new OwnedScalars();
        var y = sin(x.mul(constants.Of(5L)));
        var parameters = model.parameters().ToList();
        ShallowReluMse.Applies(spec, x).Should().BeTrue();

        var (expected, loss) = CriticalPointAnalysis.HessianAutograd(model, parameters, x, y);
        using var derivatives = new ShallowReluMse(x, y);
        using var noGrad = no_grad();
        var actual = derivatives.Hessian(parameters.Cast<Tensor>().ToList());

        actual.shape.Should().Equal(expected.shape);
        var error = (actual - expected).abs().max().item<double>();
        var scale = expected.abs().max().item<double>();
        error.Should().BeLessThan(1e-5 * scale, "the closed form must be the exact Hessian, not an approximation");
        derivatives.Forward(parameters.Cast<Tensor>().ToList()).Loss.item<float>().Should().BeApproximately((float)loss, 1e-6f);
    }

    [Fact]
    public void TheClosedFormGradientAndHessianVectorProductAreAutograds()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        manual_seed(4);
        using var scope = NewDisposeScope();
        var spec = Shallow(11);
        using var model = new SpecModel(spec, [1]);
        var x = linspace(-1, 1, 29).reshape(29, 1);
        using var constants = new OwnedScalars();
        var y = cos(x.mul(constants.Of(3L)));
        var parameters = model.parameters().Cast<Tensor>().ToList();

        // Autograd: g = ∇L, and ∇(g·u) = H·u for a fixed random u.
        var u = parameters.Select(p => randn_like(p)).ToList();
        var loss = nn.functional.mse_loss(model.forward(x), y);
        var g = torch.autograd.grad([loss], parameters, retain_graph: true, create_graph: true);
        var gu = g.Zip(u, (a, b) => (a * b).sum()).Aggregate((a, b) => a.add(b, OwnedScalars.One));
        var hu = torch.autograd.grad([gu], parameters);

        using var derivatives = new ShallowReluMse(x, y);
        using var noGrad = no_grad();
        var (mask, a, p, _) = derivatives.Forward(parameters);
        var closedG = derivatives.Gradient(parameters, mask, a, p);
        var closedHu = derivatives.HessianVector(parameters, mask, a, p, u);
        for (int i = 0; i < parameters.Count; i++)
        {
            closedG[i].allclose(g[i].detach(), rtol: 1e-4, atol: 1e-6).Should().BeTrue($"gradient of parameter {i}");
            closedHu[i].allclose(hu[i], rtol: 1e-4, atol: 1e-5).Should().BeTrue($"Hessian-vector product, parameter {i}");
        }
    }

    [Fact]
    public void BothPathsFindTheSameMinimalRatioOnASmallNetwork()
    {
        // The closed form (the §2.2 shape) and autograd (a stand-in spec that is not that shape) from the same weights.
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        var x = linspace(-1, 1, 40).reshape(40, 1);
        using var constants = new OwnedScalars();
        var y = sin(x.mul(constants.Of(4L)));
        var critical = new CriticalPointSpec { MaxSteps = 200, Lr = 1e-3, GradientBelow = 1e-6, EigenTolerance = 1e-6 };
        Dictionary<string, double> RunWith(bool closedForm)
        {
            manual_seed(5);
            var spec = Shallow(6);
            using var model = new SpecModel(spec, [1]);
            var asSpec = closedForm ? spec : spec with { Layers = [.. spec.Layers, new ActivationLayer { Kind = ActivationKind.Relu }] };
            return CriticalPointAnalysis.Run(model, closedForm ? spec : asSpec, model.parameters().ToList(), x, y, critical);
        }
        var closed = RunWith(true);
        var autograd = RunWith(false);
        closed["minimal_ratio"].Should().Be(autograd["minimal_ratio"]);
        closed["critical_loss"].Should().BeApproximately(autograd["critical_loss"], 1e-4 * Math.Max(1, autograd["critical_loss"]));
        closed["eigen_max"].Should().BeApproximately(autograd["eigen_max"], 1e-3 * autograd["eigen_max"]);
    }

    [Fact]
    public void NewtonStepsReachTheGradientTargetOfASmoothNetworkWhereAdamStalls()
    {
        // On a smooth (tanh) network, 20 Adam steps on ‖∇θL‖² leave the gradient far above §2.3's target of 1e-3; damped Newton steps with
        // the exact Hessian (autograd) reach the critical point next to the start.
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        var x = linspace(-1, 1, 40).reshape(40, 1);
        using var constants = new OwnedScalars();
        var y = sin(x.mul(constants.Of(4L)));
        var spec = Shallow(6) with { Layers = [new DenseLayer(6), new ActivationLayer { Kind = ActivationKind.Tanh }, new DenseLayer(1)] };
        Dictionary<string, double> RunWith(int? newtonSteps)
        {
            manual_seed(7);
            using var model = new SpecModel(spec, [1]);
            var critical = new CriticalPointSpec { MaxSteps = 20, Lr = 1e-3, GradientBelow = 1e-3, NewtonSteps = newtonSteps, EigenTolerance = 1e-6 };
            return CriticalPointAnalysis.Run(model, spec, model.parameters().ToList(), x, y, critical);
        }
        var adam = RunWith(null);
        var newton = RunWith(100);
        adam["critical_gradient_norm"].Should().BeGreaterThan(0.1, "20 Adam steps cannot reach the target: the test needs Newton to do the work");
        newton["critical_gradient_norm"].Should().BeLessThan(1e-3, $"adam {adam["critical_gradient_norm"]}, newton steps {newton["newton_steps"]}");
        newton["newton_steps"].Should().BeInRange(1, 100);
        newton["critical_steps"].Should().Be(adam["critical_steps"], "the Adam phase is the same in both");
    }

    [Fact]
    public void NewtonStepsOnTheShallowReluNetworkNeverRaiseTheGradientNormAndAgreeWithAutograd()
    {
        // The ReLU network's gradient jumps where a unit's kink crosses a data point, so Newton may stall above the target
        // (as §2.3's runs do); a kept step still never raises ‖∇θL‖, and both derivative paths take the same steps.
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        var x = linspace(-1, 1, 40).reshape(40, 1);
        using var constants = new OwnedScalars();
        var y = sin(x.mul(constants.Of(4L)));
        Dictionary<string, double> RunWith(bool closedForm, int? newtonSteps)
        {
            manual_seed(7);
            var spec = Shallow(6);
            using var model = new SpecModel(spec, [1]);
            var asSpec = closedForm ? spec : spec with { Layers = [.. spec.Layers, new ActivationLayer { Kind = ActivationKind.Relu }] };
            var critical = new CriticalPointSpec { MaxSteps = 20, Lr = 1e-3, GradientBelow = 1e-6, NewtonSteps = newtonSteps, EigenTolerance = 1e-6 };
            return CriticalPointAnalysis.Run(model, asSpec, model.parameters().ToList(), x, y, critical);
        }
        var adam = RunWith(true, null);
        var closed = RunWith(true, 30);
        var autograd = RunWith(false, 30);
        closed["critical_gradient_norm"].Should().BeLessThan(adam["critical_gradient_norm"]);
        closed["newton_steps"].Should().BePositive();
        autograd["newton_steps"].Should().Be(closed["newton_steps"]);
        autograd["critical_gradient_norm"].Should().BeApproximately(closed["critical_gradient_norm"], 1e-4 * closed["critical_gradient_norm"]);
    }
}
