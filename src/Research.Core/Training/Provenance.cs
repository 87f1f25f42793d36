namespace Research.Training;

/// <summary>Where a result came from: enough to tell whether two results are comparable.</summary>
public sealed record Provenance
{
    public required string SpecSha256 { get; init; }
    public required string RunKey { get; init; }
    public required string DataChecksum { get; init; }
    public required string EngineVersion { get; init; }
    public required string TorchSharpVersion { get; init; }
    public required string LibTorchVersion { get; init; }
    public required int Threads { get; init; }
    public required string Cpu { get; init; }
    /// <summary>The rounding switches and allocator fill in force (<see cref="Research.Torch.Numerics.Mode"/>); null for runs trained before it was recorded.</summary>
    public string? Numerics { get; init; }
    /// <summary>The machine fingerprint (<see cref="Research.Torch.Numerics.Fingerprint"/>) a bit-identical rerun needs.</summary>
    public string? NumericsFingerprint { get; init; }
    public required string Os { get; init; }
    public required string GitCommit { get; init; }
    public required DateTime CreatedUtc { get; init; }
    public required double WallSeconds { get; init; }
    /// <summary>Peak resident memory of the process when the run finished (VmHWM on Linux).</summary>
    public required long PeakResidentBytes { get; init; }
    /// <summary>
    /// The epoch of the shorter run of the same trajectory (the same settings but max_epochs) whose final state this
    /// run continued from (<see cref="Runs.Continuation"/>); null when it trained from its seed. Its wall time includes the shorter run's.
    /// </summary>
    public int? ContinuedFrom { get; init; }
    /// <summary>
    /// The epoch at which the process that finished this run took it up from the checkpoint of an interrupted earlier
    /// attempt; null when one process trained it (from its seed, or from <see cref="ContinuedFrom"/>). Then
    /// <see cref="GitCommit"/>, <see cref="Cpu"/> and the numerics are those of the finishing process only: the
    /// checkpoint does not carry the earlier attempt's.
    /// </summary>
    public int? ResumedAt { get; init; }
}
