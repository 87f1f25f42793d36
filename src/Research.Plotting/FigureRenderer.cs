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
/// their colour, carry a marker at every point, or have texts written beside some points.
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
        using var plot = Render(figure);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    public static Plot Render(Figure figure)
    {
        FigureFonts.Register();
        var plot = new Plot();
        var labels = new List<(FigureSeries Series, double[] X, double[] Y)>();
        foreach (var s in figure.Series.OrderBy(s => s.Faint ? 0 : s.Reference ? 2 : 1))
        {
            var right = OnRight(figure, s);
            var xs = figure.LogX ? s.X.Select(Log).ToArray() : s.X;
            var ys = (right ? figure.LogY2 : figure.LogY) ? s.Y.Select(Log).ToArray() : s.Y;
            if (s.PointLabels is { Count: > 0 }) labels.Add((s, xs, ys));
            if (s.Markers) AddPoints(plot, s, xs, ys, right);
            else AddLine(plot, s, xs, ys, right);
        }
        // Written last, so that no line is drawn over the text.
        AddPointLabels(plot, figure, labels);
        plot.Title(figure.Title, size: 16);
        plot.XLabel(figure.XLabel, size: 14);
        plot.YLabel(figure.YLabel, size: 14);
        SetAxes(plot, figure);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        // Last, so that every text added above (axes, legend, point labels) is set in the shipped face.
        plot.Font.Set(FigureFonts.Name);
        plot.Legend.FontName = FigureFonts.Name;
        return plot;
    }

    /// <summary>Whether a series is read against the right-hand axis (only a figure with a second axis has one).</summary>
    static bool OnRight(Figure figure, FigureSeries s) => figure.Y2Label is not null && s.RightAxis;

    static Color ColorOf(FigureSeries s) => Palette[s.Group % Palette.Length];

    static void AddPoints(Plot plot, FigureSeries s, double[] xs, double[] ys, bool right)
    {
        var points = plot.Add.ScatterPoints(xs, ys);
        points.Color = ColorOf(s).WithAlpha(0.8);
        points.MarkerSize = 7;
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

    /// <summary>
    /// Texts beside points, in their series' colour: above the point and clear of its marker, to its right
    /// or, near the right edge, to its left.
    /// </summary>
    static void AddPointLabels(Plot plot, Figure figure, List<(FigureSeries Series, double[] X, double[] Y)> labels)
    {
        var plotted = labels.Count == 0 ? [] : figure.Series.SelectMany(s => figure.LogX ? s.X.Select(Log) : s.X).Where(double.IsFinite).ToArray();
        var leftOf = plotted.Length == 0 ? double.PositiveInfinity : plotted.Max() - 0.15 * (plotted.Max() - plotted.Min());
        foreach (var (s, xs, ys) in labels)
        {
            foreach (var (i, text) in s.PointLabels!)
            {
                if (i < 0 || i >= xs.Length || i >= ys.Length || !double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) continue;
                var label = plot.Add.Text(text, xs[i], ys[i]);
                label.LabelFontSize = 10;
                label.LabelFontName = FigureFonts.Name;
                label.LabelFontColor = ColorOf(s);
                var nearRightEdge = xs[i] > leftOf;
                label.Alignment = nearRightEdge ? Alignment.LowerRight : Alignment.LowerLeft;
                label.OffsetX = nearRightEdge ? -5 : 5;
                label.OffsetY = -4;
                if (OnRight(figure, s)) label.Axes.YAxis = plot.Axes.Right;
            }
        }
    }

    /// <summary>
    /// Tick labels in the invariant culture on every axis; decade ticks on log axes, from the series drawn against
    /// each axis only; whole epochs on an epoch axis; the right axis's label.
    /// </summary>
    static void SetAxes(Plot plot, Figure figure)
    {
        // Each axis's default generator, with ScottPlot's formatter replaced: it writes in the current culture.
        foreach (var axis in plot.Axes.GetAxes()) axis.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabels.Linear };
        if (figure.LogY) plot.Axes.Left.TickGenerator = LogTicks(Decades(figure.Series.Where(s => !OnRight(figure, s)).SelectMany(s => s.Y)));
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

    static double Log(double v) => v > 0 ? Math.Log10(v) : double.NaN;

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
