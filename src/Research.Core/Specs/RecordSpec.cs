namespace Research.Specs;

/// <summary>What a run records besides its per-epoch training loss.</summary>
public sealed record RecordSpec
{
    /// <summary>Training and test accuracy (classification).</summary>
    public bool Accuracy { get; init; }
    /// <summary>Loss (and accuracy) on the test set, evaluated under no_grad in eval mode.</summary>
    public bool Test { get; init; }
    /// <summary>The gradient norm of each step (<see cref="GradientNormKind"/>), averaged over the epoch's steps.</summary>
    public bool GradientNorm { get; init; }
    /// <summary>Which norm of the gradient each step gives; null: the whole vector's L2 norm. (Null stays out of the run key.)</summary>
    public GradientNormKind? GradientNormKind { get; init; }
    /// <summary>Model output on the training inputs after the last epoch (function fits; Figs. 3, 6).</summary>
    public bool Predictions { get; init; }
    /// <summary>Keep a copy of all weights every this many epochs (0 = never).</summary>
    [SpecRange(Min = 0)] public int WeightsEvery { get; init; }
    /// <summary>
    /// Also measure loss (and accuracy) on the whole training set in eval mode (no dropout, the weights at the
    /// epoch's end) at the epochs the test set is evaluated, next to the running means over the epoch's batches
    /// (issue 15). Needs <see cref="Test"/>. Null (unset) stays out of the run key.
    /// </summary>
    public bool? TrainEval { get; init; }
    /// <summary>Evaluate test metrics every this many epochs (and at the last).</summary>
    [SpecRange(Min = 1)] public int EvalEvery { get; init; } = 1;
}
