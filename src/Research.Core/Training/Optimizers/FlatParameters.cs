using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>
/// A model's parameters moved into one contiguous buffer, and their gradients into another: each parameter
/// becomes a view of its slice of <see cref="Data"/> and its <c>.grad</c> a view of its slice of
/// <see cref="Grad"/>, which autograd then accumulates into in place. An optimizer can then update every
/// parameter with one call per operation instead of one per parameter and operation (a CNN has 10
/// parameter tensors, so Adam's 100 native calls per step become 10), and zeroing the gradients is one call.
/// Elementwise arithmetic does not depend on where an element sits, so the update is the same.
/// </summary>
/// <remarks>
/// Only when every parameter is a float32 leaf that requires a gradient (<see cref="TryCreate"/>); otherwise
/// the optimizers keep one tensor per parameter. A parameter that gets no gradient in a step keeps a zero
/// gradient here where it would keep none: the models here use every parameter in every step.
/// </remarks>
public sealed class FlatParameters : IDisposable
{
    FlatParameters(Tensor data, Tensor grad, long[] offsets)
    {
        Data = data;
        Grad = grad;
        Offsets = offsets;
    }

    /// <summary>Every parameter's values, in parameter order.</summary>
    public Tensor Data { get; }

    /// <summary>Every parameter's gradient, in parameter order.</summary>
    public Tensor Grad { get; }

    /// <summary>Where each parameter's slice starts; the last entry is the total.</summary>
    public long[] Offsets { get; }

    /// <summary>Parameter <paramref name="i"/>'s slice of <paramref name="flat"/> (a buffer laid out as <see cref="Data"/>), in its shape.</summary>
    public Tensor Slice(Tensor flat, int i, long[] shape) => flat.narrow(0, Offsets[i], Offsets[i + 1] - Offsets[i]).view(shape);

    /// <summary>Moves the parameters' values into one buffer and points their gradients at another; null when they cannot share one.</summary>
    public static FlatParameters? TryCreate(IReadOnlyList<Parameter> parameters)
    {
        if (parameters.Count < 2 || parameters.Any(p => p.dtype != ScalarType.Float32 || !p.requires_grad || p.device_type != TorchSharp.DeviceType.CPU))
            return null;
        var offsets = new long[parameters.Count + 1];
        for (int i = 0; i < parameters.Count; i++) offsets[i + 1] = offsets[i] + parameters[i].numel();
        var data = empty(offsets[^1]).DetachFromDisposeScope();
        var grad = zeros(offsets[^1]).DetachFromDisposeScope();
        var flat = new FlatParameters(data, grad, offsets);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var slice = flat.Slice(data, i, p.shape);
            slice.copy_(p);
            p.set_(slice);
            p.grad = flat.Slice(grad, i, p.shape);
        }
        return flat;
    }

    public void Dispose()
    {
        Grad.Dispose();
        Data.Dispose();
    }
}
