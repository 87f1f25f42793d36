using Research.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>
/// The project's own optimizer steps, with PyTorch's update rules (weight decay as an L2 term added to
/// the gradient, as torch.optim.Adam/SGD do). Every update is in place under no_grad on state allocated
/// once, so a step allocates no tensors: TorchSharp's own Adam with weight decay grew resident memory
/// by gigabytes per epoch on this machine (see issue 9 and PLATFORM.md), and this keeps it flat.
/// </summary>
public abstract class OptimizerStep : IDisposable
{
    protected OptimizerStep(IReadOnlyList<Parameter> parameters) => Parameters = parameters;

    public IReadOnlyList<Parameter> Parameters { get; }

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
        Update();
    }

    protected abstract void Update();

    /// <summary>Zeroes gradients in place (no re-allocation next backward).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.grad?.zero_();
    }

    /// <summary>Writes the optimizer's state (moments, buffers, step count) for a checkpoint.</summary>
    public abstract void Save(BinaryWriter writer);

    /// <summary>Restores state written by <see cref="Save"/> for the same parameters.</summary>
    public abstract void Load(BinaryReader reader);

    public abstract void Dispose();
}
