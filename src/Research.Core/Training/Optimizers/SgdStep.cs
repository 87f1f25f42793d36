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
    readonly Tensor?[] _buffers;

    /// <remarks>Constants are Scalars owned by the optimizer, for the reasons given on <see cref="AdamStep"/>.</remarks>
    public SgdStep(OptimizerSpec spec, IReadOnlyList<Parameter> parameters) : base(parameters)
    {
        (_decay, _useMomentum) = (spec.WeightDecay != 0, spec.Momentum != 0);
        (_sMinusLr, _sMomentum, _sWeightDecay) = (_constants.Of(-spec.Lr), _constants.Of(spec.Momentum), _constants.Of(spec.WeightDecay));
        _buffers = new Tensor?[parameters.Count];
    }

    protected override void Update()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var g = p.grad;
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

    public override void Save(BinaryWriter writer)
    {
        foreach (var b in _buffers)
        {
            writer.Write(b is not null);
            if (b is not null) writer.WriteTensor(b);
        }
    }

    public override void Load(BinaryReader reader)
    {
        for (int i = 0; i < _buffers.Length; i++)
        {
            if (!reader.ReadBoolean()) continue;
            _buffers[i] ??= zeros_like(Parameters[i]).DetachFromDisposeScope();
            reader.ReadTensorInto(_buffers[i]!);
        }
    }

    public override void Dispose()
    {
        foreach (var b in _buffers) b?.Dispose();
        _constants.Dispose();
    }
}
