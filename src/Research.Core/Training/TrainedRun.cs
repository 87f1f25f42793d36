namespace Research.Training;

/// <summary>
/// What the trainer hands back: everything a <see cref="RunResult"/> says about the training, its wall-clock
/// time and its weight snapshots, but no <see cref="Provenance"/>. Where a run came from (its key, the data's
/// checksum, the commit) is the engine's to say, and <see cref="WithProvenance"/> is the one way to a
/// result, so that no result exists without it.
/// </summary>
public sealed record TrainedRun
{
    public required string Experiment { get; init; }
    public required string Model { get; init; }
    public required int Seed { get; init; }
    public required string Profile { get; init; }
    public required long Parameters { get; init; }

    public required RunOutcome Outcome { get; init; }
    /// <summary>Epochs actually trained.</summary>
    public required int Epochs { get; init; }
    public int? ConvergedEpoch { get; init; }
    public int? DivergedEpoch { get; init; }

    public required MetricSeries Metrics { get; init; }
    /// <summary>Model output at each training input after the last epoch (function fits), when recorded.</summary>
    public double[]? Predictions { get; init; }
    /// <summary>Epochs of the <see cref="Weights"/> snapshots.</summary>
    public int[]? WeightEpochs { get; init; }
    /// <summary>Scalars from a post-training analysis (e.g. minimal_ratio), by name.</summary>
    public IReadOnlyDictionary<string, double>? Scalars { get; init; }

    /// <summary>Seconds of training, the attempts a checkpoint resumed from included.</summary>
    public required double WallSeconds { get; init; }
    /// <summary>The weight snapshots (flattened, one array per recorded epoch), if the run kept any; stored beside the result, not in it.</summary>
    public IReadOnlyList<float[]>? Weights { get; init; }

    /// <summary>The result, with where it came from.</summary>
    public RunResult WithProvenance(Provenance provenance) => new()
    {
        Experiment = Experiment,
        Model = Model,
        Seed = Seed,
        Profile = Profile,
        Parameters = Parameters,
        Outcome = Outcome,
        Epochs = Epochs,
        ConvergedEpoch = ConvergedEpoch,
        DivergedEpoch = DivergedEpoch,
        Metrics = Metrics,
        Predictions = Predictions,
        WeightEpochs = WeightEpochs,
        Scalars = Scalars,
        Provenance = provenance,
    };
}
