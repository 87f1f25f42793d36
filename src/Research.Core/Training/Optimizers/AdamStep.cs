using Research.Specs;
using Research.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Training.Optimizers;

/// <summary>
/// torch.optim.Adam (amsgrad off): the same arithmetic in the same order, all in place, over one flat buffer
/// of every parameter when they can share one (<see cref="FlatParameters"/>), else per parameter. Every
/// constant is a <see cref="Scalar"/> owned by the optimizer (<see cref="OwnedScalars"/>) and the two per-step
/// ones by the step: a bare double passed to a tensor op becomes a native Scalar that only the finalizer
/// frees, which fragments glibc's heap around the step's megabyte-sized temporaries (the cause of
/// TorchSharp's own Adam growing resident memory by gigabytes; issue 9) and can be freed by another thread's
/// collection while the kernel reads it (issue 19).
/// </summary>
public sealed class AdamStep : OptimizerStep
{
    readonly double _lr, _beta1, _beta2;
    readonly OwnedScalars _constants = new();
    readonly Scalar _sBeta1, _sOneMinusBeta1, _sBeta2, _sOneMinusBeta2, _sEps, _sWeightDecay;
    readonly bool _decay;
    // One entry per updated tensor: the flat buffer alone, or each parameter.
    readonly Tensor[] _m, _v, _denom;
    int _t;

    public AdamStep(OptimizerSpec spec, IReadOnlyList<Parameter> parameters, bool flat = true) : base(parameters, flat)
    {
        (_lr, _beta1, _beta2, _decay) = (spec.Lr, spec.Beta1, spec.Beta2, spec.WeightDecay != 0);
        (_sBeta1, _sOneMinusBeta1) = (_constants.Of(spec.Beta1), _constants.Of(1 - spec.Beta1));
        (_sBeta2, _sOneMinusBeta2) = (_constants.Of(spec.Beta2), _constants.Of(1 - spec.Beta2));
        (_sEps, _sWeightDecay) = (_constants.Of(spec.Eps), _constants.Of(spec.WeightDecay));
        _m = Targets.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = Targets.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _denom = Targets.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    protected override void Update(Func<int, Tensor?> gradientOf)
    {
        _t++;
        double bias1 = 1 - Math.Pow(_beta1, _t), bias2Sqrt = Math.Sqrt(1 - Math.Pow(_beta2, _t));
        using var perStep = new OwnedScalars();
        Scalar sBias2Sqrt = perStep.Of(bias2Sqrt), sMinusStep = perStep.Of(-_lr / bias1);
        for (int i = 0; i < Targets.Count; i++)
        {
            var p = Targets[i];
            var g = gradientOf(i);
            if (g is null) continue;
            if (_decay) g.add_(p, alpha: _sWeightDecay);
            _m[i].mul_(_sBeta1).add_(g, alpha: _sOneMinusBeta1);
            _v[i].mul_(_sBeta2).addcmul_(g, g, value: _sOneMinusBeta2);
            _denom[i].copy_(_v[i]).sqrt_().div_(sBias2Sqrt).add_(_sEps, OwnedScalars.One);
            p.addcdiv_(_m[i], _denom[i], value: sMinusStep);
        }
    }

    // Per parameter, as before the flat buffer, so that checkpoints of either layout read back into both.
    public override void Save(BinaryWriter writer)
    {
        writer.Write(_t);
        using var scope = NewDisposeScope();
        foreach (var state in new[] { _m, _v })
            for (int i = 0; i < Parameters.Count; i++) writer.WriteTensor(PerParameter(state, i));
    }

    public override void Load(BinaryReader reader)
    {
        _t = reader.ReadInt32();
        using var scope = NewDisposeScope();
        foreach (var state in new[] { _m, _v })
            for (int i = 0; i < Parameters.Count; i++) reader.ReadTensorInto(PerParameter(state, i));
    }

    public override void Dispose()
    {
        foreach (var t in _m.Concat(_v).Concat(_denom)) t.Dispose();
        _constants.Dispose();
        base.Dispose();
    }
}
