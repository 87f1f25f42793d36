using Research.Figures;
using ScottPlot;

namespace Research.Plotting;

/// <summary>
/// Draws a <see cref="Figure"/> to PNG with ScottPlot: labelled axes, a legend naming each model, log axes
/// drawn as log10 with decade ticks, other seeds faint behind the first, ground truth dashed black.
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

    public static void SavePng(Figure figure, string path)
    {
        using var plot = Render(figure);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(folder);
            // Written beside the target and renamed, so an interrupted render never leaves half a PNG.
            var temp = path + ".tmp.png";
            plot.SavePng(temp, Width, Height);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Research.Runs.StorageException.Writing(folder, e, "--out");
        }
    }

    public static Plot Render(Figure figure)
    {
        var plot = new Plot();
        foreach (var s in figure.Series.OrderBy(s => s.Faint ? 0 : s.Reference ? 2 : 1))
        {
            var xs = figure.LogX ? s.X.Select(Log).ToArray() : s.X;
            var ys = figure.LogY ? s.Y.Select(Log).ToArray() : s.Y;
            if (s.Markers)
            {
                var points = plot.Add.ScatterPoints(xs, ys);
                points.Color = Palette[s.Group % Palette.Length].WithAlpha(0.8);
                points.MarkerSize = 7;
                points.LegendText = s.Label;
                continue;
            }
            var line = plot.Add.ScatterLine(xs, ys);
            line.MarkerSize = 0;
            if (s.Reference)
            {
                line.Color = Colors.Black.WithAlpha(0.75);
                line.LineWidth = 1.5f;
                line.LinePattern = LinePattern.Dashed;
            }
            else
            {
                var color = Palette[s.Group % Palette.Length];
                line.Color = s.Faint ? color.WithAlpha(0.25) : color;
                line.LineWidth = s.Faint ? 1 : 2.2f;
            }
            if (!s.Faint) line.LegendText = s.Label;
        }
        plot.Title(figure.Title, size: 16);
        plot.XLabel(figure.XLabel, size: 14);
        plot.YLabel(figure.YLabel, size: 14);
        if (figure.LogY) plot.Axes.Left.TickGenerator = LogTicks(Decades(figure.Series.SelectMany(s => s.Y)));
        if (figure.LogX) plot.Axes.Bottom.TickGenerator = LogTicks(Decades(figure.Series.SelectMany(s => s.X)));
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        return plot;
    }

    static double Log(double v) => v > 0 ? Math.Log10(v) : double.NaN;

    static double Decades(IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0).Select(Math.Log10).ToList();
        return logs.Count == 0 ? 0 : logs.Max() - logs.Min();
    }

    /// <summary>Decade ticks with log minor ticks over wide ranges; within about a decade, plain ticks labelled 10^v.</summary>
    static ScottPlot.TickGenerators.NumericAutomatic LogTicks(double decades) => decades >= 1.5
        ? new()
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        }
        : new()
        {
            LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
}
