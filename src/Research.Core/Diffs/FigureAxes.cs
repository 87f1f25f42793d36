namespace Research.Diffs;

/// <summary>How a figure's axes read, so that a diff can overlay two sides' series as the report draws them.</summary>
public sealed record FigureAxes
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public bool LogX { get; init; }
    public bool LogY { get; init; }
}
