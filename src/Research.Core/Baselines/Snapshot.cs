using System.Text.Json.Serialization;

namespace Research.Baselines;

/// <summary>
/// What a baseline pins for one experiment: per-run metrics and the series behind its figures, as an
/// ordered map of key → numbers. Keys read <c>model-1/seed1/final_train_loss</c> or <c>fig-02/Model 1…/y</c>;
/// the last part names the tolerance that applies (series use "series").
/// </summary>
public sealed record Snapshot
{
    public required string Experiment { get; init; }
    public required string Profile { get; init; }
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }
    public required IReadOnlyDictionary<string, double[]> Series { get; init; }
    /// <summary>The numerics fingerprint of the machine that accepted it (<see cref="Research.Torch.Numerics.Fingerprint"/>); null in baselines older than issue 13.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>That machine in words: CPU, vector extensions, rounding switches, libtorch.</summary>
    public string? Machine { get; init; }
    /// <summary>Each run's key without the rounding switches (<c>model/seedN</c> → key): a changed setting is caught exactly on any machine.</summary>
    public IReadOnlyDictionary<string, string>? RunKeys { get; init; }

    /// <summary>
    /// The part of this snapshot that a sample of runs can be checked against: the per-run metrics and run
    /// keys of <paramref name="runs"/> (<c>model/seedN</c>). Series and experiment-wide values are left out:
    /// they need every run of the experiment.
    /// </summary>
    public Snapshot OfRuns(IReadOnlyCollection<string> runs) => this with
    {
        Metrics = Metrics.Where(m => runs.Any(r => m.Key.StartsWith(r + "/", StringComparison.Ordinal)))
            .ToDictionary(m => m.Key, m => m.Value),
        Series = new Dictionary<string, double[]>(),
        RunKeys = RunKeys?.Where(k => runs.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value),
    };

    [JsonIgnore] public string FileName => $"{Experiment}.verified.json";
}
