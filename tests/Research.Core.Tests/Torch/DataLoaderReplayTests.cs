using FluentAssertions;
using Research.Models;
using Research.Specs;
using Research.Torch;
using static TorchSharp.torch;

namespace Research.Tests.Torch;

/// <summary>
/// The report's code shuffles with PyTorch's DataLoader; replayed from the global generator, the batches come in its
/// order. The numbers are PyTorch 1.13.1's (Debian's python3-torch): after manual_seed(1) and
/// Sequential(Linear(784, 500), ReLU(), Linear(500, 10)), iterate a DataLoader over 60,000 items (batch 100,
/// shuffle=True) and then a test loader (shuffle=False), epoch after epoch.
/// </summary>
public class DataLoaderReplayTests
{
    [Fact]
    public void TheReplayedOrderIsPyTorchsDataLoaderOrder()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        var mlp = new ModelSpec
        {
            Id = "mlp", Label = "mlp", Layers = [new FlattenLayer(), new DenseLayer(500), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10)],
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 1e-3 },
        };
        manual_seed(1);
        using var model = new SpecModel(mlp, [1, 28, 28]);

        long[][] first10 =
        [
            [11974, 33892, 724, 57561, 36674, 53218, 45978, 31146, 12394, 29839],
            [22752, 39969, 59324, 38458, 30480, 53041, 27178, 37378, 16557, 38816],
            [38665, 59481, 45479, 8135, 46527, 29321, 18563, 7156, 10747, 23229],
        ];
        foreach (var expected in first10)
        {
            var order = DataLoaderReplay.Order(60000);
            order.data<long>().Take(10).Should().Equal(expected);
            DataLoaderReplay.TestPass();
        }
        DataLoaderReplay.Draw().Should().Be(
            new Func<long>(() => { manual_seed(1); using var again = new SpecModel(mlp, [1, 28, 28]); for (int i = 0; i < 9; i++) DataLoaderReplay.Draw(); return DataLoaderReplay.Draw(); })(),
            "each epoch takes three draws: base seed, sampler seed, the test loader's base seed");
    }

    [Fact]
    public void ADrawIsTorchsNoArgumentRandomOnInt64()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        manual_seed(1234); // PyTorch 1.13.1: torch.empty((), dtype=torch.int64).random_() five times
        Enumerable.Range(0, 5).Select(_ => DataLoaderReplay.Draw()).Should().Equal(
            3532910284440527571, 2252509165406510133, 8074651545468362100, 5263936763381405689, 5164642029029087921);
    }
}
