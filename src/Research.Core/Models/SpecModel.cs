using Research.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Models;

/// <summary>
/// A feed-forward network built layer by layer from a <see cref="ModelSpec"/>. Two choices of how, not of
/// what, make convolutional models fast on a CPU (issue 16; <c>benchmarks/</c>'s <c>breakdown</c> measures both):
/// <list type="bullet">
/// <item>Their activations are channels-last (NHWC in memory; the tensors keep their NCHW shape): libtorch's
/// max-pool on NCHW took 5.3 ms for a batch of CNN-1's first layer against 0.5 ms channels-last, and oneDNN
/// convolutions then skip reordering their input and output. Flatten reads the logical order, so every value
/// is the same; convolutions may round differently in the other layout.</item>
/// <item>A max-pool that follows a ReLU runs before it: max-pool(relu(x)) = relu(max-pool(x)) exactly, in
/// value and in gradient (the gradient is zero wherever a window's maximum is not positive, either way), and
/// the ReLU then sees a quarter of the elements.</item>
/// </list>
/// </summary>
public sealed class SpecModel : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public SpecModel(ModelSpec spec, int[] inputShape) : base(spec.Id)
    {
        var shapes = ModelShapes.Infer(inputShape, spec.Layers);
        if (shapes.Problems.Count > 0)
            throw new ArgumentException($"model {spec.Id}: layer {shapes.Problems[0].Layer}: {shapes.Problems[0].Problem}");
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var input = shapes.Shapes[i];
            if (spec.Layers[i] is ActivationLayer { Kind: ActivationKind.Relu } && i + 1 < spec.Layers.Count && spec.Layers[i + 1] is MaxPoolLayer pool)
            {
                modules.Add(($"{i + 1}_maxpool", nn.MaxPool2d(pool.Kernel, pool.Stride)));
                modules.Add(($"{i}_activation", nn.ReLU()));
                i++;
                continue;
            }
            nn.Module<Tensor, Tensor> module = spec.Layers[i] switch
            {
                DenseLayer d => nn.Linear(input[0], d.Out),
                Conv2dLayer c => nn.Conv2d(input[0], c.Out, c.Kernel, stride: c.Stride, padding: c.Padding),
                MaxPoolLayer p => nn.MaxPool2d(p.Kernel, p.Stride),
                DropoutLayer d => nn.Dropout(d.P),
                FlattenLayer => nn.Flatten(),
                ActivationLayer { Kind: ActivationKind.Relu } => nn.ReLU(),
                ActivationLayer { Kind: ActivationKind.LeakyRelu } a => new LeakyRelu(a.Slope),
                ActivationLayer { Kind: ActivationKind.Selu } => nn.SELU(),
                ActivationLayer { Kind: ActivationKind.Tanh } => nn.Tanh(),
                ActivationLayer { Kind: ActivationKind.Sigmoid } => nn.Sigmoid(),
                var other => throw new NotSupportedException(other.ToString()),
            };
            modules.Add(($"{i}_{spec.Layers[i].GetType().Name.Replace("Layer", "").ToLowerInvariant()}", module));
        }
        layers = nn.Sequential(modules);
        Shapes = shapes;
        _channelsLast = spec.Layers.Any(l => l is Conv2dLayer);
        RegisterComponents();
    }

    readonly bool _channelsLast;

    /// <summary>Per-layer output shapes (per sample), as inferred from the spec.</summary>
    public ModelShapes.Result Shapes { get; }

    public long ParameterCount => parameters().Sum(p => p.numel());

    public override Tensor forward(Tensor input) => layers.forward(_channelsLast ? ChannelsLast(input) : input);

    /// <summary>
    /// The same [N, C, H, W] tensor laid out NHWC in memory, which convolutions and pooling then keep. With one
    /// channel both layouts are the same bytes, so that is a view; with more it is a copy.
    /// </summary>
    public static Tensor ChannelsLast(Tensor x)
    {
        if (x.dim() != 4) return x;
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        return c == 1
            ? x.reshape(n, h, w, 1).permute(0, 3, 1, 2)
            : x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
