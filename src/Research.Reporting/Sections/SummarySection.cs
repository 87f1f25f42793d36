using Research.Claims;
using Research.Reporting.Document;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;
using Research.Specs;

namespace Research.Reporting.Sections;

/// <summary>The summary of the claims: one row per claim, in the report's order, with its verdict and the values behind it.</summary>
internal static class SummarySection
{
    public static void Write(ReportData data, List<Block> blocks)
    {
        blocks.Add(new Heading(2, "Summary of the claims", "summary"));
        blocks.Add(new Paragraph(new Line()
            .Text("One row per claim, in the report's order (its words are under the claim, linked from its id). ").Italic("Reproduced").Text(" gives each model's value as mean ± standard deviation over ")
            .Text("the seeds (n of them), the first three models of a sweep and a count of the rest (all of them under the claim); an experiment-wide measure is one value. ").Italic("As recorded")
            .Text(" says whether the verdict is the one experiments.yaml records for this profile, or the other one where it records the CPU's kernels as deciding the verdict (")
            .Code("varies_by_cpu").Text("). ")
            .Text("A claim the report's text does not state is tagged in the § column: ").Italic("figure").Text(" (what a figure is read to show) or ")
            .Italic("published").Text(" (a published finding its experiment follows). ").Italic("As run").Text(" and ").Italic("harness")
            .Text(" are the claim's verdicts in the other two settings (").Link("the three settings", "#" + VariantsSection.Anchor).Text(").")));
        var rows = data.Claims.Select(c => Row(data, c)).ToList();
        IReadOnlyList<string> header =
            ["claim", "§", "the report's number", $"reproduced ({Profile(data.Profile)})", "verdict", "as recorded", .. Variants.All.Where(v => v != Variant.AsWritten).Select(v => v.Words())];
        blocks.Add(new Table(header, rows) { Filters = [1, 4, 5] });
    }

    static IReadOnlyList<Line> Row(ReportData data, ClaimResult c) =>
    [
        new Line().Link(c.Claim.Id, "#" + ClaimAnchor(c.Claim.Id)),
        c.Claim.Source == ClaimSource.Text ? c.Claim.Section : $"{c.Claim.Section} ({SourceTag(c.Claim.Source)})",
        c.Claim.Reported ?? "–",
        ReproducedValues.Brief(c, data.Experiments.Single(e => e.Experiment.Id == c.Claim.Experiment).Experiment),
        new Line().Badge(VerdictText(c.Verdict), Style(c.Verdict)),
        Recorded(c),
        .. Variants.All.Where(v => v != Variant.AsWritten).Select(v => VariantsSection.Cell(data, c.Claim, v)),
    ];

    /// <summary>A claim the report's text does not state, tagged in the § column: "figure" or "published".</summary>
    static string SourceTag(ClaimSource source) => source == ClaimSource.Figure ? "figure" : "published";

    static Line Recorded(ClaimResult c) =>
        c.DecidedByCpu ? new Line().Badge($"yes: decided by the CPU (records {Word(c.Expected)})", "expected")
        : c.AsExpected ? new Line().Badge("yes", "expected")
        : new Line().Badge($"{ReportFormat.Warning} no: records {Word(c.Expected)}", "unexpected");
}
