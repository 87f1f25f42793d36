namespace Research.Figures;

/// <summary>One of a figure's stacked panels (<see cref="Figure.Panels"/>): its own y axis under the shared x axis.</summary>
public sealed record FigurePanel
{
    public required string YLabel { get; init; }
    public bool LogY { get; init; }
}
