using Research.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Models;

/// <summary>
/// leaky_relu with its slope held as a <see cref="Scalar"/> the module owns. TorchSharp's own
/// <c>nn.LeakyReLU</c> passes its slope as a double, which becomes a temporary native Scalar on every
/// forward pass that another thread's garbage collection can free mid-kernel (issue 19). Same kernel,
/// same numbers.
/// </summary>
public sealed class LeakyRelu : nn.Module<Tensor, Tensor>
{
    readonly OwnedScalars _constants = new();
    readonly Scalar _slope;

    public LeakyRelu(double slope) : base(nameof(LeakyRelu))
    {
        _slope = _constants.Of(slope);
    }

    public override Tensor forward(Tensor input) => input.leaky_relu(_slope);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _constants.Dispose();
        base.Dispose(disposing);
    }
}
