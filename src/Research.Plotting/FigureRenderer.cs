using Research.Figures;
using ScottPlot;
using ScottPlot.TickGenerators;
using Research.IO;

namespace Research.Plotting;

/// <summary>
/// Draws a <see cref="Figure"/> to PNG with ScottPlot: labelled axes, a legend naming each model, log axes
/// drawn as log10 with decade ticks, other seeds faint behind the first, ground truth dashed black. A figure
/// with a <see cref="Figure.Y2Label"/> reads its <see cref="FigureSeries.RightAxis"/> series against a second,
/// right-hand axis (log or not on its own, " (right axis)" in their legend text); series may also be dashed in
/// their colour, carry a marker at every point, or have texts written beside some points (placed clear of the
/// lines, <see cref="PointLabels"/>). Bands are translucent fills behind the lines; a figure with
/// <see cref="Figure.Panels"/> is drawn as stacked panels sharing the x axis (<see cref="StackedPanels"/>);
/// <see cref="Figure.EqualAxes"/> gives both axes the same units. Every text is set in <see cref="FigureFonts"/>.
/// </summary>
public static class FigureRenderer
{
    public const int Width = 1000, Height = 620;

    static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"),
        Color.FromHex("#bcbd22"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>Draws the figure and writes it to <paramref name="path"/> atomically; a <see cref="StorageException"/> names the folder and <c>--out</c>.</summary>
    public static void SavePng(Figure figure, string path) => AtomicFile.Write(path, RenderPng(figure), "--out");

    /// <summary>
    /// The figure as PNG bytes, <see cref="Width"/>×<see cref="Height"/>: the bytes ScottPlot's own SavePng would
    /// write (it encodes the same image the same way, PNG at quality 100, before writing it out).
    /// </summary>
    public static byte[] RenderPng(Figure figure)
    {
        if (figure.Panels.Count > 0) return StackedPanels.RenderPng(figure, Width, Height);
        using var plot = Render(figure, Width, Height);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// One panel: the figure's series (without <see cref="FigureSeries.Hidden"/> ones) over its bands.
    /// <paramref name="width"/>×<paramref name="height"/> is the size it will be drawn at, which equal axes and
    /// the placement of point labels need before ScottPlot lays the plot out.
    /// </summary>
    internal static Plot Render(Figure figure, int width, int height)
    {
        FigureFonts.Register();
        var plot = new Plot();
        var labels = new List<(FigureSeries Series, double[] X, double[] Y)>();
        foreach (var b in figure.Bands) AddBand(plot, figure, b);
        foreach (var s in figure.Series.Where(s => !s.Hidden).OrderBy(s => s.Faint ? 0 : s.Reference ? 2 : 1))
        {
            var right = OnRight(figure, s);
            var xs = figure.LogX ? s.X.Select(Log).ToArray() : s.X;
            var ys = (right ? figure.LogY2 : figure.LogY) ? s.Y.Select(Log).ToArray() : s.Y;
            if (s.PointLabels is { Count: > 0 }) labels.Add((s, xs, ys));
            if (s.Markers) AddPoints(plot, s, xs, ys, right);
            else AddLine(plot, s, xs, ys, right);
        }
        if (figure.Title.Length > 0) plot.Title(figure.Title, size: 16);
        if (figure.XLabel.Length > 0) plot.XLabel(figure.XLabel, size: 14);
        plot.YLabel(figure.YLabel, size: 14);
        SetAxes(plot, figure);
        plot.Axes.AutoScale();
        if (figure.EqualAxes) EqualUnits(plot, width, height);
        // Written last, so that no line is drawn over the text, and after the limits, which say where a text lands.
        PointLabels.Add(plot, figure, labels, width, height);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        // Last, so that every text added above (axes, legend, point labels) is set in the shipped face.
        plot.Font.Set(FigureFonts.Name);
        plot.Legend.FontName = FigureFonts.Name;
        return plot;
    }

    /// <summary>Whether a series is read against the right-hand axis (only a figure with a second axis has one).</summary>
    internal static bool OnRight(Figure figure, FigureSeries s) => figure.Y2Label is not null && s.RightAxis;

    internal static Color ColorOf(FigureSeries s) => s.Reference ? Colors.Black : Palette[s.Group % Palette.Length];

    static void AddPoints(Plot plot, FigureSeries s, double[] xs, double[] ys, bool right)
    {
        var points = plot.Add.ScatterPoints(xs, ys);
        points.Color = ColorOf(s).WithAlpha(0.8);
        points.MarkerSize = s.Reference ? 9 : 7;
        if (right) points.Axes.YAxis = plot.Axes.Right;
        if (!s.Faint) points.LegendText = LegendText(s.Label, right);
    }

    static void AddLine(Plot plot, FigureSeries s, double[] xs, double[] ys, bool right)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.MarkerSize = 0;
        if (right) line.Axes.YAxis = plot.Axes.Right;
        if (s.Reference)
        {
            line.Color = Colors.Black.WithAlpha(0.75);
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
        }
        else
        {
            line.Color = s.Faint ? ColorOf(s).WithAlpha(0.25) : ColorOf(s);
            line.LineWidth = s.Faint ? 1 : 2.2f;
            if (s.Dashed) line.LinePattern = LinePattern.Dashed;
            if (s.LineMarkers)
            {
                line.MarkerShape = MarkerShape.FilledCircle;
                line.MarkerSize = 6;
            }
        }
        if (!s.Faint) line.LegendText = LegendText(s.Label, right);
    }

    /// <summary>A translucent fill in its group's colour between the band's edges, named in the legend.</summary>
    static void AddBand(Plot plot, Figure figure, FigureBand b)
    {
        double[] Y(double[] v) => figure.LogY ? v.Select(Log).ToArray() : v;
        var xs = figure.LogX ? b.X.Select(Log).ToArray() : b.X;
        var fill = plot.Add.FillY(xs, Y(b.Upper), Y(b.Lower));
        fill.FillColor = Palette[b.Group % Palette.Length].WithAlpha(0.22);
        fill.LineWidth = 0;
        fill.LegendText = b.Label;
    }

    /// <summary>
    /// Widens the axis with fewer units per pixel so both have the same, then lets ScottPlot keep them square
    /// at render time (its data area is known only then; the widening makes its correction small).
    /// </summary>
    static void EqualUnits(Plot plot, int width, int height)
    {
        var limits = plot.Axes.GetLimits();
        var (w, h) = PointLabels.DataArea(width, height);
        var perPixel = Math.Max(limits.HorizontalSpan / w, limits.VerticalSpan / h);
        double cx = limits.HorizontalCenter, cy = limits.VerticalCenter;
        plot.Axes.SetLimits(cx - perPixel * w / 2, cx + perPixel * w / 2, cy - perPixel * h / 2, cy + perPixel * h / 2);
        plot.Axes.SquareUnits();
    }

    /// <summary>
    /// Tick labels in the invariant culture on every axis; decade ticks on log axes, from the series drawn against
    /// each axis only; whole epochs on an epoch axis; the right axis's label.
    /// </summary>
    static void SetAxes(Plot plot, Figure figure)
    {
        // Each axis's default generator, with ScottPlot's formatter replaced: it writes in the current culture.
        foreach (var axis in plot.Axes.GetAxes()) axis.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabels.Linear };
        if (figure.LogY) plot.Axes.Left.TickGenerator = LogTicks(Decades(figure.Series.Where(s => !s.Hidden && !OnRight(figure, s)).SelectMany(s => s.Y).Concat(figure.Bands.SelectMany(b => b.Lower.Concat(b.Upper)))));
        if (figure.LogX) plot.Axes.Bottom.TickGenerator = LogTicks(Decades(figure.Series.SelectMany(s => s.X)));
        else if (figure.XLabel.StartsWith("epoch", StringComparison.Ordinal))
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = TickLabels.Linear }; // no epoch 1.35
        if (figure.Y2Label is null) return;
        plot.Axes.Right.Label.Text = figure.Y2Label;
        plot.Axes.Right.Label.FontSize = 14;
        if (figure.LogY2) plot.Axes.Right.TickGenerator = LogTicks(Decades(figure.Series.Where(s => OnRight(figure, s)).SelectMany(s => s.Y)));
    }

    /// <summary>The legend names the axis a right-hand series is read against, unless its label already does.</summary>
    static string LegendText(string label, bool right) =>
        right && !label.Contains("right", StringComparison.OrdinalIgnoreCase) ? label + " (right axis)" : label;

    internal static double Log(double v) => v > 0 ? Math.Log10(v) : double.NaN;

    static double Decades(IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0).Select(Math.Log10).ToList();
        return logs.Count == 0 ? 0 : logs.Max() - logs.Min();
    }

    /// <summary>Decade ticks with log minor ticks over wide ranges; within about a decade, plain ticks labelled 10^v.</summary>
    static NumericAutomatic LogTicks(double decades) => decades >= 1.5
        ? new()
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = TickLabels.Log,
        }
        : new()
        {
            LabelFormatter = TickLabels.Log,
        };
}
