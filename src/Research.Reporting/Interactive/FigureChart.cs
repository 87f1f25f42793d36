using System.Globalization;
using System.Text;
using System.Text.Json;
using Research.Figures;

namespace Research.Reporting.Interactive;

/// <summary>
/// A figure's series as the data of an interactive chart in report.html (issue 18): one shared, sorted x
/// column and one y column per series (null where a series has no point), in uPlot's aligned layout, with
/// each series' colour and style as the PNG draws it. Long series are thinned to at most
/// <see cref="MaxPoints"/> x values (every k-th of the union, and each series' last point), so the page stays
/// small; the PNG beside it keeps every point. Series the PNG hides (the seeds behind a median) come as faint
/// ones the page's check box shows; a band comes as its two edges. Numbers are written with 6 significant digits, invariantly, so
/// the page is byte-identical whenever it is regenerated.
/// </summary>
public static class FigureChart
{
    public const int MaxPoints = 1200;

    /// <summary>The palette of the PNGs (src/Research.Plotting), by <see cref="FigureSeries.Group"/>.</summary>
    static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    /// <summary>
    /// Why a figure stays a static image: a line whose x values go back and forth (a trajectory in a plane)
    /// has no single x column to align on. Null when it can be drawn interactively.
    /// </summary>
    public static string? WhyStatic(Figure f) =>
        f.Series.Any(s => !s.Markers && !Ascending(s.X)) ? "its lines are trajectories in a plane (x goes back and forth), which a chart over one x axis cannot draw"
        // One uPlot per panel would need their cursors and zooms synchronised to read as one figure; the PNG shows the panels aligned.
        : f.Panels.Count > 0 ? "its panels share an x axis, which the PNG lines up and the interactive chart does not draw"
        : null;

    /// <summary>The chart's JSON, or null when the figure stays static (<see cref="WhyStatic"/>).</summary>
    public static string? Json(Figure f)
    {
        if (WhyStatic(f) is not null || f.Series.Count == 0) return null;
        var xs = Thin(f.Series.SelectMany(s => s.X).Concat(f.Bands.SelectMany(b => b.X)).Where(x => Usable(x, f.LogX)).Distinct().Order().ToArray(), f.Series);
        var index = xs.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("figure", f.Number);
            json.WriteString("title", f.Title);
            Axis(json, "x", f.XLabel, f.LogX);
            Axis(json, "y", f.YLabel, f.LogY);
            if (f.Y2Label is { } y2) Axis(json, "y2", y2, f.LogY2);
            json.WriteStartArray("xs");
            foreach (var x in xs) Number(json, x);
            json.WriteEndArray();
            json.WriteStartArray("series");
            foreach (var s in f.Series) Series(json, f, s, xs, index);
            // A band as its two edges, dashed in its colour: uPlot's fills between series do not toggle with them, and the PNG shows the fill.
            foreach (var b in f.Bands)
            {
                Series(json, f, new FigureSeries { Id = b.Id, Label = $"{b.Label}: lower edge", X = b.X, Y = b.Lower, Group = b.Group, Dashed = true }, xs, index);
                Series(json, f, new FigureSeries { Id = b.Id, Label = $"{b.Label}: upper edge", X = b.X, Y = b.Upper, Group = b.Group, Dashed = true }, xs, index);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static void Series(Utf8JsonWriter json, Figure f, FigureSeries s, double[] xs, Dictionary<double, int> index)
    {
        var log = s.RightAxis ? f.LogY2 : f.LogY;
        var ys = new double?[xs.Length];
        for (int i = 0; i < s.X.Length; i++)
            if (index.TryGetValue(s.X[i], out var at) && Usable(s.Y[i], log)) ys[at] = s.Y[i];
        json.WriteStartObject();
        json.WriteString("label", s.Label);
        json.WriteString("color", s.Reference ? "#000000" : Palette[s.Group % Palette.Length]);
        if (s.Faint) json.WriteBoolean("faint", true);
        if (s.Dashed || s.Reference) json.WriteBoolean("dashed", true);
        if (s.Markers || s.LineMarkers) json.WriteBoolean("points", true);
        if (s.Markers) json.WriteBoolean("noLine", true);
        if (s.RightAxis) json.WriteBoolean("right", true);
        json.WriteStartArray("ys");
        foreach (var y in ys)
            if (y is { } v) Number(json, v);
            else json.WriteNullValue();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    static void Axis(Utf8JsonWriter json, string name, string label, bool log)
    {
        json.WriteStartObject(name);
        json.WriteString("label", label);
        if (log) json.WriteBoolean("log", true);
        json.WriteEndObject();
    }

    /// <summary>Every k-th x of the union, and each series' last x (where a curve ends, e.g. at convergence).</summary>
    static double[] Thin(double[] union, IReadOnlyList<FigureSeries> series)
    {
        if (union.Length <= MaxPoints) return union;
        var step = (int)Math.Ceiling(union.Length / (double)MaxPoints);
        var kept = new SortedSet<double>();
        for (int i = 0; i < union.Length; i += step) kept.Add(union[i]);
        kept.Add(union[^1]);
        foreach (var s in series.Where(s => s.X.Length > 0)) kept.Add(s.X[^1]);
        return [.. kept];
    }

    static bool Ascending(double[] x)
    {
        for (int i = 1; i < x.Length; i++)
            if (x[i] < x[i - 1]) return false;
        return true;
    }

    /// <summary>A log axis cannot show zero or less; NaN and infinities are never drawn.</summary>
    static bool Usable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

    static void Number(Utf8JsonWriter json, double v) => json.WriteRawValue(v.ToString("G6", CultureInfo.InvariantCulture));
}
