namespace Research.Specs;

/// <summary>
/// What one model of an experiment actually trains with, resolved once when experiments.yaml is loaded
/// (model over experiment over defaults, per profile): nothing downstream asks "the model's value or
/// the experiment's?" again. Outside the run key and the report's spec JSON, which hash and show the
/// settings as written.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>The model's batch size if it sets one (§3.3 compares batch sizes), else the experiment's.</summary>
    public required BatchSize Batch { get; init; }
    public required OptimizerSpec Optimizer { get; init; }
    public required int MaxEpochs { get; init; }
    /// <summary>The first N training / test samples (ci budgets); all when null.</summary>
    public int? TrainSamples { get; init; }
    public int? TestSamples { get; init; }

    public static ModelSettings Resolve(ExperimentSpec e, ModelSpec m) => new()
    {
        Batch = m.BatchSize ?? e.BatchSize,
        Optimizer = m.Optimizer,
        MaxEpochs = e.MaxEpochs,
        TrainSamples = e.TrainSamples,
        TestSamples = e.TestSamples,
    };
}
