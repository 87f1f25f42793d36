using Research.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>torch.optim.SGD (no dampening, no Nesterov): momentum buffer starts as the first gradient.</summary>
public sealed class SgdStep : OptimizerStep
{
    readonly double _lr, _momentum, _weightDecay;
    readonly Tensor?[] _buffers;

    public SgdStep(OptimizerSpec spec, IReadOnlyList<Parameter> parameters) : base(parameters)
    {
        (_lr, _momentum, _weightDecay) = (spec.Lr, spec.Momentum, spec.WeightDecay);
        _buffers = new Tensor?[parameters.Count];
    }

    protected override void Update()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var g = p.grad;
            if (g is null) continue;
            if (_weightDecay != 0) g.add_(p, alpha: _weightDecay);
            if (_momentum != 0)
            {
                if (_buffers[i] is { } buffer) buffer.mul_(_momentum).add_(g);
                else _buffers[i] = g.detach().clone().DetachFromDisposeScope();
                g = _buffers[i]!;
            }
            p.add_(g, alpha: -_lr);
        }
    }

    public override void Dispose()
    {
        foreach (var b in _buffers) b?.Dispose();
    }
}
