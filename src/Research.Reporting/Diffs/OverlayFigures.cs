using Research.Baselines;
using Research.Diffs;
using Research.Figures;
using Research.Specs;

namespace Research.Reporting.Diffs;

/// <summary>
/// One figure per report figure and setting with both sides' series overlaid: a's solid, b's dashed in the
/// same colour. Built from the thinned series the records pin (fig-NN/&lt;series&gt;/x|y), so a committed
/// record overlays as well as a measured one; the axes are those results.json names, or plain ones when
/// neither side is a report.
/// </summary>
public static class OverlayFigures
{
    /// <summary>The overlay figures, as written first, each with the file name it is saved under.</summary>
    public static IReadOnlyList<(string FileName, string Setting, Figure Figure)> Build(ReproductionDiff diff, ReproductionRecord a, ReproductionRecord b)
    {
        var sa = SeriesOf(a);
        var sb = SeriesOf(b);
        var figures = new List<(string, string, Figure)>();
        foreach (var (number, setting) in sa.Keys.Union(sb.Keys).OrderBy(k => Variants.Parse(k.Setting) is { } v ? (int)v : 9).ThenBy(k => k.Number))
        {
            var left = sa.GetValueOrDefault((number, setting)) ?? [];
            var right = sb.GetValueOrDefault((number, setting)) ?? [];
            var ids = left.Keys.Union(right.Keys).Order(StringComparer.Ordinal).ToList();
            var series = new List<FigureSeries>();
            foreach (var (id, group) in ids.Select((id, i) => (id, i)))
            {
                if (left.TryGetValue(id, out var l)) series.Add(Line($"{diff.A}: {id}", id, l, group, dashed: false));
                if (right.TryGetValue(id, out var r)) series.Add(Line($"{diff.B}: {id}", id, r, group, dashed: true));
            }
            var axes = a.Figures?.GetValueOrDefault(number) ?? b.Figures?.GetValueOrDefault(number);
            var words = Variants.Parse(setting)?.Words() ?? setting;
            figures.Add((setting == Variant.AsWritten.Key() ? Figure.FileNameOf(number) : $"fig-{number:00}-{setting}.png", setting, new Figure
            {
                Number = number,
                Caption = $"Fig. {number} ({words}): {diff.A} solid, {diff.B} dashed",
                Title = $"Fig. {number}{(axes is null ? "" : " — " + axes.Title)} ({words})",
                XLabel = axes?.XLabel ?? "x",
                YLabel = axes?.YLabel ?? "y",
                LogX = axes?.LogX ?? false,
                LogY = axes?.LogY ?? false,
                Series = series,
            }));
        }
        return figures;
    }

    static FigureSeries Line(string label, string id, (double[] X, double[] Y) points, int group, bool dashed) =>
        new() { Id = id, Label = label, X = points.X, Y = points.Y, Group = group, Dashed = dashed };

    /// <summary>(figure number, setting) → series id → its points, from every experiment of a record.</summary>
    static Dictionary<(int Number, string Setting), Dictionary<string, (double[] X, double[] Y)>> SeriesOf(ReproductionRecord record)
    {
        var found = new Dictionary<(int, string), Dictionary<string, (double[], double[])>>();
        foreach (var (_, settings) in record.Experiments)
            foreach (var (setting, snapshot) in settings)
                foreach (var (key, x) in snapshot.Series)
                {
                    // fig-NN/<series id, which may hold '/'>/x, with its y beside it.
                    if (!key.EndsWith("/x", StringComparison.Ordinal) || !key.StartsWith("fig-", StringComparison.Ordinal)) continue;
                    var slash = key.IndexOf('/');
                    if (!int.TryParse(key[4..slash], out var number) || !snapshot.Series.TryGetValue(key[..^1] + "y", out var y) || y.Length != x.Length) continue;
                    if (!found.TryGetValue((number, setting), out var figure)) found[(number, setting)] = figure = new(StringComparer.Ordinal);
                    figure[key[(slash + 1)..^2]] = (x, y);
                }
        return found;
    }
}
