namespace Research.Figures;

/// <summary>
/// A shaded range between two curves over the same x (e.g. the 25th to 75th percentile of the seeds at each
/// epoch), drawn translucent in its group's colour behind the lines.
/// </summary>
public sealed record FigureBand
{
    /// <summary>Stable name for baselines (e.g. <c>relu-500/iqr</c>).</summary>
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required double[] X { get; init; }
    public required double[] Lower { get; init; }
    public required double[] Upper { get; init; }
    public int Group { get; init; }
    /// <summary>Index into <see cref="Figure.Panels"/> of the panel it is drawn in.</summary>
    public int Panel { get; init; }
}
