using Research.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>
/// torch.optim.Adam (amsgrad off): the same arithmetic in the same order, all in place. Every constant is a
/// <see cref="Scalar"/> made once and disposed with the optimizer, and the two per-step ones are disposed at
/// once: a bare double passed to a tensor op becomes a native Scalar that only the finalizer frees, and
/// those small long-lived blocks fragment glibc's heap around the step's megabyte-sized temporaries (the
/// cause of TorchSharp's own Adam growing resident memory by gigabytes; issue 9).
/// </summary>
public sealed class AdamStep : OptimizerStep
{
    readonly double _lr, _beta1, _beta2;
    readonly Scalar _sBeta1, _sOneMinusBeta1, _sBeta2, _sOneMinusBeta2, _sEps, _sWeightDecay;
    readonly bool _decay;
    readonly Tensor[] _m, _v, _denom;
    int _t;

    public AdamStep(OptimizerSpec spec, IReadOnlyList<Parameter> parameters) : base(parameters)
    {
        (_lr, _beta1, _beta2, _decay) = (spec.Lr, spec.Beta1, spec.Beta2, spec.WeightDecay != 0);
        (_sBeta1, _sOneMinusBeta1) = (spec.Beta1.ToScalar(), (1 - spec.Beta1).ToScalar());
        (_sBeta2, _sOneMinusBeta2) = (spec.Beta2.ToScalar(), (1 - spec.Beta2).ToScalar());
        (_sEps, _sWeightDecay) = (spec.Eps.ToScalar(), spec.WeightDecay.ToScalar());
        _m = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _denom = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    protected override void Update() => Apply(i => Parameters[i].grad);

    /// <summary>One update from the given gradients (one per parameter, in order) instead of the parameters' own.</summary>
    public void Step(IReadOnlyList<Tensor> gradients)
    {
        using var _ = no_grad();
        Apply(i => gradients[i]);
    }

    void Apply(Func<int, Tensor?> gradient)
    {
        _t++;
        double bias1 = 1 - Math.Pow(_beta1, _t), bias2Sqrt = Math.Sqrt(1 - Math.Pow(_beta2, _t));
        using var sBias2Sqrt = bias2Sqrt.ToScalar();
        using var sMinusStep = (-_lr / bias1).ToScalar();
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var g = gradient(i);
            if (g is null) continue;
            if (_decay) g.add_(p, alpha: _sWeightDecay);
            _m[i].mul_(_sBeta1).add_(g, alpha: _sOneMinusBeta1);
            _v[i].mul_(_sBeta2).addcmul_(g, g, value: _sOneMinusBeta2);
            _denom[i].copy_(_v[i]).sqrt_().div_(sBias2Sqrt).add_(_sEps);
            p.addcdiv_(_m[i], _denom[i], value: sMinusStep);
        }
    }

    public override void Save(BinaryWriter writer)
    {
        writer.Write(_t);
        foreach (var t in _m.Concat(_v)) writer.WriteTensor(t);
    }

    public override void Load(BinaryReader reader)
    {
        _t = reader.ReadInt32();
        foreach (var t in _m.Concat(_v)) reader.ReadTensorInto(t);
    }

    public override void Dispose()
    {
        foreach (var t in _m.Concat(_v).Concat(_denom)) t.Dispose();
        foreach (var s in new[] { _sBeta1, _sOneMinusBeta1, _sBeta2, _sOneMinusBeta2, _sEps, _sWeightDecay }) s.Dispose();
    }
}
