using FluentAssertions;
using Research.Torch;
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
        var optimizer = optim.SGD(model.parameters(), 0.1);
        double Loss() => nn.functional.mse_loss(model.forward(x), y).item<float>();
        var before = Loss();
        optimizer.zero_grad();
        nn.functional.mse_loss(model.forward(x), y).backward();
        optimizer.step();
        Loss().Should().BeLessThan(before);
    }

    [Fact]
    public void VersionsAreKnownForProvenance()
    {
        TorchRuntime.TorchSharpVersion.Should().StartWith("0.107");
        TorchRuntime.Cpu.Should().Contain("logical cores");
    }
}
