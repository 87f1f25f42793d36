namespace Research.Figures;

/// <summary>
/// A figure of the report as data: what is plotted, how the axes read, and its caption. Built by the
/// engine, drawn by Research.Plotting, pinned (its series) by the baselines.
/// </summary>
public sealed record Figure
{
    /// <summary>The report's figure number (1–22); the file is fig-NN.png.</summary>
    public required int Number { get; init; }
    public required string Caption { get; init; }
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public bool LogX { get; init; }
    public bool LogY { get; init; }
    /// <summary>Label of a second, right-hand y axis for series with <see cref="FigureSeries.RightAxis"/> (null: none).</summary>
    public string? Y2Label { get; init; }
    public bool LogY2 { get; init; }
    public required IReadOnlyList<FigureSeries> Series { get; init; }
    /// <summary>
    /// One unit of x is as long as one unit of y (a plane such as two principal components, where a distance
    /// means the same in every direction; issue 18, Fig. 9).
    /// </summary>
    public bool EqualAxes { get; init; }
    /// <summary>Shaded ranges (e.g. the interquartile range of the seeds around their median), drawn behind the series.</summary>
    public IReadOnlyList<FigureBand> Bands { get; init; } = [];
    /// <summary>
    /// Stacked panels sharing the x axis, top to bottom; each series is drawn in <see cref="FigureSeries.Panel"/>.
    /// Empty: one panel read against <see cref="YLabel"/>. Measures on different scales get a panel each
    /// rather than a second y axis, which would suggest that one tracks the other (issue 18, Fig. 21).
    /// </summary>
    public IReadOnlyList<FigurePanel> Panels { get; init; } = [];

    public string FileName => FileNameOf(Number);

    /// <summary>fig-NN.png: the file of the report's figure <paramref name="number"/>.</summary>
    public static string FileNameOf(int number) => $"fig-{number:00}.png";
}

/// <summary>One line or set of points. Series sharing a <see cref="Group"/> share a colour; faint ones are other seeds.</summary>
public sealed record FigureSeries
{
    /// <summary>Stable name for baselines (e.g. <c>model-1/seed1</c>); labels may carry measured numbers.</summary>
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required double[] X { get; init; }
    public required double[] Y { get; init; }
    public int Group { get; init; }
    /// <summary>Drawn thin and translucent, without a legend entry (e.g. the other seeds).</summary>
    public bool Faint { get; init; }
    /// <summary>Ground truth: drawn dashed in black.</summary>
    public bool Reference { get; init; }
    /// <summary>Points only, no line (one point per run).</summary>
    public bool Markers { get; init; }
    /// <summary>A line with a marker at every point (sweeps, trajectories).</summary>
    public bool LineMarkers { get; init; }
    /// <summary>Drawn dashed in its group's colour (e.g. the test curve beside the solid training curve).</summary>
    public bool Dashed { get; init; }
    /// <summary>Plotted against the right-hand axis (<see cref="Figure.Y2Label"/>).</summary>
    public bool RightAxis { get; init; }
    /// <summary>Index into <see cref="Figure.Panels"/> of the panel it is drawn in (0 when the figure has none).</summary>
    public int Panel { get; init; }
    /// <summary>
    /// Kept as data (the baselines, the interactive chart's seed toggle) but not drawn in the PNG, where a
    /// band stands for it (e.g. each of twenty seeds behind their median and interquartile range).
    /// </summary>
    public bool Hidden { get; init; }
    /// <summary>Text written beside some points (index into X/Y → text), e.g. accuracy along a trajectory.</summary>
    public IReadOnlyDictionary<int, string>? PointLabels { get; init; }
}
