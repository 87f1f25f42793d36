using FluentAssertions;
using Research.Specs;
using Research.Torch;
using Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Tests.Torch;

/// <summary>libtorch loads on this machine (Debian 12 needs the GLIBCXX fix in build/) and trains.</summary>
public class LibTorchTests
{
    [Fact]
    public void LibTorchLoadsAndOneTrainingStepLowersTheLoss()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        manual_seed(0);
        using var scope = NewDisposeScope();
        var model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1));
        var x = randn(32, 3);
        var y = x.sum(1, keepdim: true);
        using var optimizer = OptimizerStep.Create(new OptimizerSpec { Kind = OptimizerKind.Sgd, Lr = 0.1 }, model.parameters());
        double Loss() => nn.functional.mse_loss(model.forward(x), y).item<float>();
        var before = Loss();
        optimizer.ZeroGrad();
        nn.functional.mse_loss(model.forward(x), y).backward();
        optimizer.Step();
        Loss().Should().BeLessThan(before);
    }

    [Fact]
    public void VersionsAreKnownForProvenance()
    {
        TorchRuntime.TorchSharpVersion.Should().StartWith("0.107");
        TorchRuntime.Cpu.Should().Contain("logical cores");
    }
}
