using Research.Figures;
using ScottPlot;

namespace Research.Plotting;

/// <summary>
/// Texts beside points, in their series' colour, each put where it covers the least of what is drawn: of a few
/// places around its point (above or below, right or left, then further out), the one crossing the fewest line
/// and marker pixels and no text placed before it. A fixed place (above, to the right) wrote Fig. 18's model
/// names over their own curve and piled Fig. 9's labels up (issue 18). The plot's pixels are estimated from its
/// limits and <see cref="DataArea"/>, because ScottPlot lays the plot out only when it renders.
/// </summary>
internal static class PointLabels
{
    const float FontSize = 10, CharWidth = 6.2f, TextHeight = 13, Gap = 5;

    /// <summary>Where the data area lies in a <paramref name="width"/>×<paramref name="height"/> plot with a title, axis labels and a legend below.</summary>
    public static (double Width, double Height) DataArea(int width, int height) => (width - 110, height - 170);

    public static void Add(Plot plot, Figure figure, List<(FigureSeries Series, double[] X, double[] Y)> labels, int width, int height)
    {
        if (labels.Count == 0) return;
        var (w, h) = DataArea(width, height);
        var left = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left);
        var right = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Right);
        Func<double, double, (double, double)> Pixel(AxisLimits l) =>
            (x, y) => ((x - l.Left) / l.HorizontalSpan * w, (l.Top - y) / l.VerticalSpan * h);
        var obstacles = Obstacles(figure, s => Pixel(FigureRenderer.OnRight(figure, s) ? right : left));
        var placed = new List<Rect>();
        foreach (var (s, xs, ys) in labels)
        {
            var toPixel = Pixel(FigureRenderer.OnRight(figure, s) ? right : left);
            foreach (var (i, text) in s.PointLabels!.OrderBy(p => p.Key))
            {
                if (i < 0 || i >= xs.Length || i >= ys.Length || !double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) continue;
                var (px, py) = toPixel(xs[i], ys[i]);
                var best = Candidates(px, py, text.Length * CharWidth).MinBy(r => Cost(r, obstacles, placed, w, h));
                placed.Add(best);
                var label = plot.Add.Text(text, xs[i], ys[i]);
                label.LabelFontSize = FontSize;
                label.LabelFontName = FigureFonts.Name;
                label.LabelFontColor = FigureRenderer.ColorOf(s);
                label.Alignment = Alignment.UpperLeft;
                label.OffsetX = (float)(best.Left - px);
                label.OffsetY = (float)(best.Top - py);
                if (FigureRenderer.OnRight(figure, s)) label.Axes.YAxis = plot.Axes.Right;
            }
        }
    }

    readonly record struct Rect(double Left, double Top, double Width, double Height)
    {
        public bool Contains(double x, double y, double margin) =>
            x >= Left - margin && x <= Left + Width + margin && y >= Top - margin && y <= Top + Height + margin;
        public bool Overlaps(Rect o) => Left < o.Left + o.Width && o.Left < Left + Width && Top < o.Top + o.Height && o.Top < Top + Height;
    }

    /// <summary>Around the point, nearest first; above-right first, as the labels were placed before.</summary>
    static IEnumerable<Rect> Candidates(double px, double py, double textWidth)
    {
        foreach (var d in new[] { Gap, 3 * Gap, 6 * Gap })
        {
            yield return new Rect(px + d, py - d - TextHeight, textWidth, TextHeight);
            yield return new Rect(px - d - textWidth, py - d - TextHeight, textWidth, TextHeight);
            yield return new Rect(px + d, py + d, textWidth, TextHeight);
            yield return new Rect(px - d - textWidth, py + d, textWidth, TextHeight);
            yield return new Rect(px - textWidth / 2, py - d - TextHeight, textWidth, TextHeight);
            yield return new Rect(px - textWidth / 2, py + d, textWidth, TextHeight);
        }
    }

    /// <summary>Drawn pixels under the text; far more for another text or for leaving the data area. Ties go to the nearer place.</summary>
    static double Cost(Rect r, List<(double X, double Y)> obstacles, List<Rect> placed, double w, double h)
    {
        var covered = obstacles.Count(p => r.Contains(p.X, p.Y, 2));
        var overlaps = placed.Count(r.Overlaps);
        var outside = r.Left < 0 || r.Top < 0 || r.Left + r.Width > w || r.Top + r.Height > h ? 1 : 0;
        return covered + 1000 * overlaps + 500 * outside;
    }

    /// <summary>Every drawn line sampled every ~3 pixels, and every marker, in pixels.</summary>
    static List<(double X, double Y)> Obstacles(Figure figure, Func<FigureSeries, Func<double, double, (double, double)>> pixelOf)
    {
        var points = new List<(double, double)>();
        foreach (var s in figure.Series.Where(s => !s.Hidden && !s.Faint))
        {
            var toPixel = pixelOf(s);
            double[] xs = figure.LogX ? s.X.Select(FigureRenderer.Log).ToArray() : s.X;
            var logY = FigureRenderer.OnRight(figure, s) ? figure.LogY2 : figure.LogY;
            double[] ys = logY ? s.Y.Select(FigureRenderer.Log).ToArray() : s.Y;
            (double, double)? previous = null;
            for (int i = 0; i < Math.Min(xs.Length, ys.Length); i++)
            {
                if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) { previous = null; continue; }
                var p = toPixel(xs[i], ys[i]);
                points.Add(p);
                if (previous is { } q && !s.Markers)
                {
                    var steps = (int)Math.Min(500, Math.Ceiling(Math.Sqrt(Math.Pow(p.Item1 - q.Item1, 2) + Math.Pow(p.Item2 - q.Item2, 2)) / 3));
                    for (int k = 1; k < steps; k++)
                        points.Add((q.Item1 + (p.Item1 - q.Item1) * k / steps, q.Item2 + (p.Item2 - q.Item2) * k / steps));
                }
                previous = p;
            }
        }
        return points;
    }
}
