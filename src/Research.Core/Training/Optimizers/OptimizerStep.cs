using Research.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>
/// The project's own optimizer steps, with PyTorch's update rules (weight decay as an L2 term added to
/// the gradient, as torch.optim.Adam/SGD do). Every update is in place under no_grad on state allocated
/// once, so a step allocates no tensors: TorchSharp's own Adam with weight decay grew resident memory
/// by gigabytes per epoch on this machine (see issue 9 and PLATFORM.md), and this keeps it flat.
/// The parameters are moved into one flat buffer when they can be (<see cref="FlatParameters"/>), so that
/// an update is one native call per operation rather than one per operation and parameter tensor.
/// </summary>
public abstract class OptimizerStep : IDisposable
{
    readonly FlatParameters? _flat;

    /// <param name="parameters">The parameters to update.</param>
    /// <param name="flat">Whether to move them into one buffer when they can be (false: one tensor each, as before; for comparisons).</param>
    protected OptimizerStep(IReadOnlyList<Parameter> parameters, bool flat)
    {
        Parameters = parameters;
        _flat = flat ? FlatParameters.TryCreate(parameters) : null;
        Targets = _flat is null ? parameters.Cast<Tensor>().ToList() : [_flat.Data];
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The tensors an update writes: the flat buffer alone, or each parameter.</summary>
    protected IReadOnlyList<Tensor> Targets { get; }

    // The gradient of target i: the flat gradient buffer, or the parameter's own.
    Tensor? GradientOf(int i) => _flat is null ? Parameters[i].grad : _flat.Grad;

    /// <summary>Which target holds parameter <paramref name="i"/>: the flat buffer (0), or its own.</summary>
    protected int TargetOf(int i) => _flat is null ? i : 0;

    /// <summary>
    /// Parameter <paramref name="i"/>'s part of a buffer laid out as <see cref="Targets"/> (one entry per target): its
    /// slice of the flat buffer (a view, owned by the caller's dispose scope), or its own entry.
    /// </summary>
    protected Tensor PerParameter(IReadOnlyList<Tensor> state, int i) =>
        _flat is null ? state[i] : _flat.Slice(state[0], i, Parameters[i].shape);

    public static OptimizerStep Create(OptimizerSpec spec, IEnumerable<Parameter> parameters)
    {
        var list = parameters.ToList();
        return spec.Kind switch
        {
            OptimizerKind.Adam => new AdamStep(spec, list),
            OptimizerKind.Sgd => new SgdStep(spec, list),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }

    /// <summary>One update from the gradients currently held by the parameters.</summary>
    public void Step()
    {
        using var _ = no_grad();
        Update(GradientOf);
    }

    /// <summary>One update from the given gradients (one per parameter, in order) instead of the parameters' own.</summary>
    public void Step(IReadOnlyList<Tensor> gradients)
    {
        using var _ = no_grad();
        if (_flat is null)
        {
            Update(i => gradients[i]);
            return;
        }
        using var scope = NewDisposeScope();
        for (int i = 0; i < Parameters.Count; i++) _flat.Slice(_flat.Grad, i, Parameters[i].shape).copy_(gradients[i]);
        Update(GradientOf);
    }

    /// <summary>One update of every target (<see cref="Targets"/>) from the gradient of each, under no_grad.</summary>
    protected abstract void Update(Func<int, Tensor?> gradientOf);

    /// <summary>Zeroes gradients in place (no re-allocation next backward).</summary>
    public void ZeroGrad()
    {
        if (_flat is not null) _flat.Grad.zero_();
        else foreach (var p in Parameters) p.grad?.zero_();
    }

    /// <summary>Writes the optimizer's state (moments, buffers, step count) for a checkpoint.</summary>
    public abstract void Save(BinaryWriter writer);

    /// <summary>Restores state written by <see cref="Save"/> for the same parameters.</summary>
    public abstract void Load(BinaryReader reader);

    /// <summary>Frees the state; the parameters keep their values in the flat buffer, which they share.</summary>
    public virtual void Dispose() => _flat?.Dispose();
}
