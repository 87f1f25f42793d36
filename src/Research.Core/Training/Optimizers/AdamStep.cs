using Research.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>torch.optim.Adam (amsgrad off): the same arithmetic in the same order, all in place.</summary>
public sealed class AdamStep : OptimizerStep
{
    readonly double _lr, _beta1, _beta2, _eps, _weightDecay;
    readonly Tensor[] _m, _v, _denom;
    int _t;

    public AdamStep(OptimizerSpec spec, IReadOnlyList<Parameter> parameters) : base(parameters)
    {
        (_lr, _beta1, _beta2, _eps, _weightDecay) = (spec.Lr, spec.Beta1, spec.Beta2, spec.Eps, spec.WeightDecay);
        _m = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _denom = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    protected override void Update()
    {
        _t++;
        double bias1 = 1 - Math.Pow(_beta1, _t), bias2Sqrt = Math.Sqrt(1 - Math.Pow(_beta2, _t));
        double stepSize = _lr / bias1;
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var g = p.grad;
            if (g is null) continue;
            if (_weightDecay != 0) g.add_(p, alpha: _weightDecay);
            _m[i].mul_(_beta1).add_(g, alpha: 1 - _beta1);
            _v[i].mul_(_beta2).addcmul_(g, g, value: 1 - _beta2);
            _denom[i].copy_(_v[i]).sqrt_().div_(bias2Sqrt).add_(_eps);
            p.addcdiv_(_m[i], _denom[i], value: -stepSize);
        }
    }

    public override void Dispose()
    {
        foreach (var t in _m.Concat(_v).Concat(_denom)) t.Dispose();
    }
}
