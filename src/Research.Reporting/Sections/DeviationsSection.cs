using Research.Claims;
using Research.Outcomes;
using Research.Reporting.Document;
using Research.Specs;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting.Sections;

/// <summary>
/// The answer on the first screen (issue 18): every claim that does not hold as written, one line each, the
/// report's own statements first, with the report's number, what was measured, the verdict in the other two
/// settings and how many of the choices' alternatives keep it. The whole table follows further down.
/// </summary>
internal static class DeviationsSection
{
    public const string Anchor = "deviations";

    public static void Write(ReportData data, List<Block> blocks)
    {
        var open = data.Claims.Where(c => c.Verdict != Verdict.Holds || !c.AsExpected).ToList();
        blocks.Add(new Heading(2, open.Count == 0 ? "Every claim holds" : "What does not hold", Anchor));
        if (open.Count == 0)
        {
            blocks.Add(new Paragraph("Every claim holds as written, as experiments.yaml records."));
            return;
        }
        foreach (var (source, heading) in new[]
                 {
                     (ClaimSource.Text, "Stated in the report's text"),
                     (ClaimSource.Figure, "Read from its figures"),
                     (ClaimSource.Published, "Published findings and the course's expectations"),
                 })
        {
            var group = open.Where(c => c.Claim.Source == source).ToList();
            if (group.Count == 0) continue;
            blocks.Add(new Paragraph(new Line().Bold($"{heading} ({Count(group.Count)}):")));
            blocks.Add(new BulletList(group.Select(c => Item(data, c)).ToList()));
        }
        blocks.Add(new Paragraph(new Line().Text("Every claim, with the values behind its verdict: ").Link("Summary of the claims", "#summary")
            .Text("; the evidence recorded for each deviation is under its claim.")));
    }

    /// <summary>The brief "reproduced" cell on one line: its parts joined by "; ".</summary>
    static string OneLine(Line cell)
    {
        var parts = new List<string> { "" };
        foreach (var span in cell.Spans)
            if (span.Kind == SpanKind.Break) parts.Add("");
            else parts[^1] += span.Text;
        parts = parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        return string.Join("; ", parts).Replace(":;", ":");
    }

    static Line Item(ReportData data, ClaimResult c)
    {
        var line = new Line().Badge(VerdictText(c.Verdict), Style(c.Verdict)).Text($" §{c.Claim.Section} ")
            .Link(c.Claim.Id, "#" + ClaimAnchor(c.Claim.Id)).Text(" — ");
        if (c.Claim.Reported is { } reported) line.Italic("report: ").Text(reported + "; ");
        line.Italic("reproduced: ").Text(OneLine(ReproducedValues.Brief(c, data.Experiments.Single(e => e.Experiment.Id == c.Claim.Experiment).Experiment)));
        var others = Variants.All.Where(v => v != Variant.AsWritten)
            .Select(v => (Variant: v, Result: data.Judged(c.Claim.Id, v))).Where(o => o.Result is not null).ToList();
        if (others.Count > 0)
            line.Text("; ").Text(string.Join(", ", others.Select(o => $"{o.Variant.Words()}: {Word(o.Result!.Verdict)}")));
        if (data.Robustness?.Of(c.Claim.Id) is { Judged: > 0 } r)
        {
            line.Text($"; holds under {r.Holding} of {r.Judged} alternative{(r.Judged == 1 ? "" : "s")}");
            foreach (var (pair, result) in r.FlipsTogether)
                line.Text($"; {Word(result.Verdict)} under {pair.Name} together");
        }
        if (c.DecidedByCpu) line.Text($" (experiments.yaml records {Word(c.Expected)}, and that the CPU decides it)");
        else if (c.VariesByCpu is not null) line.Text(" (on other CPUs' kernels it can be the other way: experiments.yaml records that the CPU decides it)");
        else if (!c.AsExpected) line.Text($" {Warning} experiments.yaml records {Word(c.Expected)}");
        return line;
    }
}
