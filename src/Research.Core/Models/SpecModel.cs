using Research.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Models;

/// <summary>A feed-forward network built layer by layer from a <see cref="ModelSpec"/>.</summary>
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
        RegisterComponents();
    }

    /// <summary>Per-layer output shapes (per sample), as inferred from the spec.</summary>
    public ModelShapes.Result Shapes { get; }

    public long ParameterCount => parameters().Sum(p => p.numel());

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
