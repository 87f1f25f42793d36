using FluentAssertions;
using Research.Models;
using Research.Specs;
using Research.Torch;
using static TorchSharp.torch;

namespace Research.Tests.Models;

/// <summary>
/// SpecModel's two choices of how a CNN is computed (issue 16) leave what it computes alone: the max-pool run
/// before the ReLU it follows gives the same values and gradients bit for bit, and the channels-last layout the
/// same values to rounding.
/// </summary>
public class ConvolutionLayoutTests
{
    static readonly LayerSpec[] Cnn =
    [
        new Conv2dLayer { Out = 16, Kernel = 4 }, new ActivationLayer { Kind = ActivationKind.Relu }, new MaxPoolLayer { Kernel = 2, Stride = 2 },
        new Conv2dLayer { Out = 4, Kernel = 4 }, new ActivationLayer { Kind = ActivationKind.Relu }, new MaxPoolLayer { Kernel = 2, Stride = 2 },
        new FlattenLayer(), new DenseLayer(30), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10),
    ];

    static ModelSpec Model => new()
    {
        Id = "cnn", Label = "cnn", Layers = Cnn, Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 1e-3 },
    };

    [Fact]
    public void MaxPoolBeforeReluGivesTheSameValuesAndGradientsBitForBit()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        manual_seed(5);
        // Values with ties and windows whose maximum is negative or zero: the cases where the orders could differ.
        var x = randint(-3, 4, [8, 6, 10, 10]).to_type(ScalarType.Float32).requires_grad_(true);
        var upstream = randn(8, 6, 5, 5);
        var poolFirst = nn.functional.relu(nn.functional.max_pool2d(x, [2, 2], [2, 2]));
        var reluFirst = nn.functional.max_pool2d(nn.functional.relu(x), [2, 2], [2, 2]);
        poolFirst.data<float>().ToArray().Should().Equal(reluFirst.data<float>().ToArray());

        var g1 = autograd.grad([poolFirst], [x], [upstream])[0].data<float>().ToArray();
        var g2 = autograd.grad([reluFirst], [x], [upstream])[0].data<float>().ToArray();
        g1.Should().Equal(g2);
    }

    [Fact]
    public void ChannelsLastIsTheSameTensorLaidOutNhwc()
    {
        using var scope = NewDisposeScope();
        var one = rand(3, 1, 5, 7);
        var viewed = SpecModel.ChannelsLast(one.narrow(0, 1, 2));
        viewed.shape.Should().Equal([2, 1, 5, 7]);
        viewed.stride().Should().Equal([35, 1, 7, 1]);
        viewed.data<float>().ToArray().Should().Equal(one.narrow(0, 1, 2).contiguous().data<float>().ToArray(), "a narrowed batch keeps its offset");

        var many = rand(2, 3, 4, 5);
        var copied = SpecModel.ChannelsLast(many);
        copied.stride().Should().Equal([60, 1, 15, 3]);
        copied.contiguous().data<float>().ToArray().Should().Equal(many.data<float>().ToArray());
    }

    [Fact]
    public void TheCnnComputesWhatItsSpecSaysToRounding()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var model = new SpecModel(Model, [1, 28, 28]);
        var x = rand(16, 1, 28, 28);
        // The spec's order and layout, from the model's own parameters.
        var p = model.parameters().ToList();
        var h = nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(x, p[0], p[1])), [2, 2], [2, 2]);
        h = nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(h, p[2], p[3])), [2, 2], [2, 2]);
        var expected = nn.functional.linear(nn.functional.relu(nn.functional.linear(h.flatten(1), p[4], p[5])), p[6], p[7]);
        var actual = model.forward(x);
        actual.sub(expected).abs().max().item<float>().Should().BeLessThan(1e-5f);
        actual.is_contiguous().Should().BeTrue("the dense layers after Flatten see the logical order");
    }
}
