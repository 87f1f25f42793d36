using System.Globalization;
using System.Net;
using System.Text;
using Research.Diffs;
using Research.Figures;
using Research.Specs;

namespace Research.Reporting.Diffs;

/// <summary>
/// A diff as one self-contained HTML page: what each side is, the verdicts that changed, the numbers beyond
/// their tolerance, the count line, and per figure the two sides' series overlaid (PNGs embedded, so the
/// page opens anywhere without its folder).
/// </summary>
public static class DiffHtml
{
    /// <param name="diff">The comparison.</param>
    /// <param name="figures">The overlays (<see cref="OverlayFigures"/>) with their rendered PNGs.</param>
    public static string Write(ReproductionDiff diff, IReadOnlyList<(Figure Figure, byte[] Png)> figures)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>research diff ")
            .Append(E(diff.A)).Append(" ").Append(E(diff.B)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}")
            .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%}code{background:#f3f3f3}")
            .Append("</style></head><body>\n");
        html.Append("<h1>research diff <code>").Append(E(diff.A)).Append("</code> <code>").Append(E(diff.B)).Append("</code></h1>\n");
        html.Append("<p><b>a</b>: ").Append(E(diff.ADescription)).Append("<br><b>b</b>: ").Append(E(diff.BDescription)).Append("</p>\n");
        html.Append("<p>").Append(E(DiffText.CountLine(diff).Replace('\n', ' '))).Append("</p>\n");

        html.Append("<h2>Verdicts that changed (").Append(diff.Verdicts.Count).Append(")</h2>\n");
        if (diff.Verdicts.Count == 0) html.Append("<p>None.</p>\n");
        else
        {
            html.Append("<table><tr><th>§</th><th>claim</th><th>setting</th><th>a</th><th>b</th></tr>\n");
            foreach (var v in diff.Verdicts)
                html.Append("<tr><td>").Append(E(v.Section)).Append("</td><td>").Append(E(v.Claim)).Append("</td><td>")
                    .Append(E(Words(v.Setting))).Append("</td><td>").Append(Word(v.A)).Append("</td><td>").Append(Word(v.B))
                    .Append(v.VariesByCpu ? " (recorded as varying between CPUs: not a flip)" : "").Append("</td></tr>\n");
            html.Append("</table>\n");
        }

        html.Append("<h2>Numbers beyond their tolerance (").Append(diff.Numbers.Count).Append(")</h2>\n");
        if (diff.Numbers.Count == 0) html.Append("<p>None.</p>\n");
        else
        {
            html.Append("<table><tr><th>experiment</th><th>setting</th><th>key</th><th>a</th><th>b</th><th>change</th><th>tolerance</th></tr>\n");
            foreach (var n in diff.Numbers)
                html.Append("<tr><td>").Append(E(n.Experiment)).Append("</td><td>").Append(E(Words(n.Setting))).Append("</td><td>").Append(E(n.Key))
                    .Append("</td><td class=n>").Append(N(n.A)).Append("</td><td class=n>").Append(N(n.B)).Append("</td><td class=n>")
                    .Append(n.Relative is { } r ? (r * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %" : "—")
                    .Append("</td><td>").Append(E(n.Tolerance)).Append("</td></tr>\n");
            html.Append("</table>\n");
        }

        html.Append("<h2>Figures (").Append(figures.Count).Append(")</h2>\n<p>Each side's pinned series (thinned as the baselines thin them): ")
            .Append(E(diff.A)).Append(" solid, ").Append(E(diff.B)).Append(" dashed, in the same colour.</p>\n");
        foreach (var (figure, png) in figures)
            html.Append("<figure><img alt=\"").Append(E(figure.Title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
                .Append("\"><figcaption>").Append(E(figure.Caption)).Append("</figcaption></figure>\n");
        return html.Append("</body></html>\n").ToString();
    }

    static string E(string s) => WebUtility.HtmlEncode(s);
    static string N(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
    static string Word(Verdict? v) => v?.ToString().ToLowerInvariant() ?? "pending";
    static string Words(string setting) => Variants.Parse(setting)?.Words() ?? setting;
}
