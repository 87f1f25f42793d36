namespace Research.Training;

/// <summary>
/// What the trainer hands back: the run as trained, its wall-clock time and its weight snapshots, but no
/// <see cref="Provenance"/>. Where a run came from (its key, the data's checksum, the commit) is the
/// engine's to say, and <see cref="WithProvenance"/> is the one way to a <see cref="RunResult"/>, so that
/// no result exists without it.
/// </summary>
/// <param name="result">Makes the result once its provenance is known (every value already read off the model).</param>
/// <param name="wallSeconds">Seconds of training, the attempts a checkpoint resumed from included.</param>
/// <param name="weights">The weight snapshots (flattened, one array per recorded epoch), if the run kept any; stored beside the result, not in it.</param>
public sealed class TrainedRun(Func<Provenance, RunResult> result, double wallSeconds, IReadOnlyList<float[]>? weights)
{
    public double WallSeconds { get; } = wallSeconds;
    public IReadOnlyList<float[]>? Weights { get; } = weights;

    /// <summary>The epoch of the checkpoint this attempt started from; null when it trained from the seed.</summary>
    public int? StartedAt { get; init; }

    /// <summary>The result, with where it came from.</summary>
    public RunResult WithProvenance(Provenance provenance) => result(provenance);
}
