using Research.Specs;
using Research.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>torch.optim.SGD (no dampening, no Nesterov): momentum buffer starts as the first gradient.</summary>
public sealed class SgdStep : OptimizerStep
{
    readonly bool _decay, _useMomentum;
    readonly OwnedScalars _constants = new();
    readonly Scalar _sMinusLr, _sMomentum, _sWeightDecay;
    readonly Tensor?[] _buffers; // one per target (the flat buffer, or each parameter)

    /// <remarks>Constants are Scalars owned by the optimizer, for the reasons given on <see cref="AdamStep"/>.</remarks>
    public SgdStep(OptimizerSpec spec, IReadOnlyList<Parameter> parameters, bool flat = true) : base(parameters, flat)
    {
        (_decay, _useMomentum) = (spec.WeightDecay != 0, spec.Momentum != 0);
        (_sMinusLr, _sMomentum, _sWeightDecay) = (_constants.Of(-spec.Lr), _constants.Of(spec.Momentum), _constants.Of(spec.WeightDecay));
        _buffers = new Tensor?[Targets.Count];
    }

    protected override void Update(Func<int, Tensor?> gradientOf)
    {
        for (int i = 0; i < Targets.Count; i++)
        {
            var p = Targets[i];
            var g = gradientOf(i);
            if (g is null) continue;
            if (_decay) g.add_(p, alpha: _sWeightDecay);
            if (_useMomentum)
            {
                if (_buffers[i] is { } buffer) buffer.mul_(_sMomentum).add_(g, OwnedScalars.One);
                else _buffers[i] = g.detach().clone().DetachFromDisposeScope();
                g = _buffers[i]!;
            }
            p.add_(g, alpha: _sMinusLr);
        }
    }

    // Per parameter, as before the flat buffer, so that checkpoints of either layout read back into both.
    public override void Save(BinaryWriter writer)
    {
        using var scope = NewDisposeScope();
        for (int i = 0; i < Parameters.Count; i++)
        {
            // A momentum buffer starts with the first gradient: flat, all exist or none does; else each on its own.
            bool has = _buffers[TargetOf(i)] is not null;
            writer.Write(has);
            if (has) writer.WriteTensor(PerParameter(_buffers!, i));
        }
    }

    public override void Load(BinaryReader reader)
    {
        using var scope = NewDisposeScope();
        for (int i = 0; i < Parameters.Count; i++)
        {
            if (!reader.ReadBoolean()) continue;
            _buffers[TargetOf(i)] ??= zeros_like(Targets[TargetOf(i)]).DetachFromDisposeScope();
            reader.ReadTensorInto(PerParameter(_buffers!, i));
        }
    }

    public override void Dispose()
    {
        foreach (var b in _buffers) b?.Dispose();
        _constants.Dispose();
        base.Dispose();
    }
}
