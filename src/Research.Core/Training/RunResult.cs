namespace Research.Training;

/// <summary>One trained run: one model of one experiment, one seed, one profile. Immutable; cached on disk.</summary>
public sealed record RunResult
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
    /// <summary>Epochs at which weights were kept (stored beside the result in the run cache).</summary>
    public int[]? WeightEpochs { get; init; }

    /// <summary>Scalars from a post-training analysis (e.g. minimal_ratio), by name.</summary>
    public IReadOnlyDictionary<string, double>? Scalars { get; init; }

    public required Provenance Provenance { get; init; }

    public double FinalTrainLoss => Metrics.TrainLoss[^1];
}
