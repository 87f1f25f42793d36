using Research.Training;

namespace Research.Measures;

/// <summary>A per-epoch series a run records (training loss, test accuracy, …): what shape claims and curve figures read.</summary>
public sealed record SeriesMeasure
{
    public required string Name { get; init; }
    /// <summary>Its name on a figure (training loss).</summary>
    public required string Label { get; init; }
    public NumberStyle Style { get; init; } = NumberStyle.General;
    public bool IsLoss { get; init; }
    /// <summary>Recorded at the test evaluations (every eval_every epochs), not every epoch.</summary>
    public bool AtTestEpochs { get; init; }
    internal Func<MetricSeries, double[]?> Read { get; init; } = _ => null;

    /// <summary>The series of a run; an error naming the record: switch when the run did not record it.</summary>
    public double[] Of(RunResult run) => Read(run.Metrics)
        ?? throw new InvalidOperationException($"run {run.Experiment}/{run.Model} seed {run.Seed} did not record '{Name}'; enable it under record:");

    /// <summary>The epochs its values were recorded at.</summary>
    public double[] EpochsOf(RunResult run) =>
        (AtTestEpochs ? run.Metrics.TestEpochs : run.Metrics.Epochs)!.Select(x => (double)x).ToArray();

    public override string ToString() => Name;
}
