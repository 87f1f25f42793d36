using System.Globalization;
using Research.Diffs;
using Research.Figures;
using Research.Reporting.Document;
using Research.Reporting.Interactive;
using Research.Specs;

namespace Research.Reporting.Diffs;

/// <summary>
/// <c>research diff --html</c>: a diff as one self-contained page, written by the report's own
/// <see cref="HtmlWriter"/> so it reads like report.html: what each side is, the count line, the verdicts that
/// changed, the numbers beyond their tolerance, and per figure and setting both sides' series overlaid as an
/// interactive chart (hover, toggle, zoom; a solid, b dashed) with its PNG folded under it.
/// </summary>
public static class DiffDocument
{
    /// <param name="diff">The comparison.</param>
    /// <param name="figures">The overlays (<see cref="OverlayFigures"/>) with their rendered PNGs.</param>
    public static string Html(ReproductionDiff diff, IReadOnlyList<(string FileName, Figure Figure, byte[] Png)> figures)
    {
        var pngs = figures.ToDictionary(f => f.FileName, f => f.Png);
        return HtmlWriter.Write(Build(diff, figures.Select(f => (f.FileName, f.Figure)).ToList()), source => pngs[source]);
    }

    public static ReportDocument Build(ReproductionDiff diff, IReadOnlyList<(string FileName, Figure Figure)> figures)
    {
        var blocks = new List<Block>
        {
            new Heading(1, new Line().Text("research diff ").Code(diff.A).Text(" ").Code(diff.B)),
            new BulletList([new Line().Bold("a").Text(": " + diff.ADescription), new Line().Bold("b").Text(": " + diff.BDescription)]),
            new Paragraph(DiffText.CountLine(diff).Replace('\n', ' ')),
            new Heading(2, $"Verdicts that changed ({diff.Verdicts.Count})"),
        };
        blocks.Add(diff.Verdicts.Count == 0 ? new Paragraph("None.") : new Table(["§", "claim", "setting", "a", "b", "flip"],
            diff.Verdicts.Select(v => (IReadOnlyList<Line>)[v.Section, v.Claim, Words(v.Setting), Word(v.A), Word(v.B),
                v.IsFlip ? "yes" : v.VariesByCpu ? "no: recorded as varying between CPUs" : "no: pending on one side"]).ToList()));
        blocks.Add(new Heading(2, $"Numbers beyond their tolerance ({diff.Numbers.Count})"));
        blocks.Add(diff.Numbers.Count == 0 ? new Paragraph("None.") : new Table(["experiment", "setting", "key", "a", "b", "change", "tolerance"],
            diff.Numbers.Select(n => (IReadOnlyList<Line>)[n.Experiment, Words(n.Setting), new Line().Code(n.Key), N(n.A), N(n.B),
                n.Relative is { } r ? (r * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %" : "—", n.Tolerance]).ToList(),
            new HashSet<int> { 3, 4, 5 }));
        blocks.Add(new Heading(2, $"Figures ({figures.Count})"));
        blocks.Add(new Paragraph($"Each side's pinned series, thinned as the baselines thin them: {diff.A} solid, {diff.B} dashed, in the same colour."));
        foreach (var (file, figure) in figures)
            blocks.Add(new Image(figure.Title, file, figure.Caption, Path.GetFileNameWithoutExtension(file)) { Chart = FigureChart.Json(figure) });
        return new ReportDocument($"research diff {diff.A} {diff.B}", blocks);
    }

    static string N(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
    static string Word(Verdict? v) => v?.ToString().ToLowerInvariant() ?? "pending";
    static string Words(string setting) => Variants.Parse(setting)?.Words() ?? setting;
}
