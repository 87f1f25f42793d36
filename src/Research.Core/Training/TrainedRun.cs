namespace Research.Training;

/// <summary>A run's result plus its weight snapshots (flattened, one array per recorded epoch), if any.</summary>
public sealed record TrainedRun(RunResult Result, IReadOnlyList<float[]>? Weights);
