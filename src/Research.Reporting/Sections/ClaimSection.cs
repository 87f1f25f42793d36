using Research.Claims;
using Research.Reporting.Document;
using static Research.Reporting.ReportFormat;
using Research.Measures;
using Research.Outcomes;
using Research.Specs;

namespace Research.Reporting.Sections;

/// <summary>One claim under its experiment: the report's words and number, the verdict, what was measured, the rule and why, and recorded evidence.</summary>
internal static class ClaimSection
{
    public static void Write(ReportData data, ClaimResult r, List<Block> blocks)
    {
        var c = r.Claim;
        blocks.Add(new Heading(3, new Line().Text("Claim ").Text($"§{c.Section} {c.Id} ").Badge(VerdictText(r.Verdict), Style(r.Verdict)), ClaimAnchor(c.Id)));
        var rule = new Line().Bold("Rule: ").Text(Rule(c));
        if (Measure.Find(c.Metric) is { } m) rule.Text(", reading ").Code(m.Name).Text($" ({m.Description})");
        List<Line> items =
        [
            new Line().Bold("The report: ").Text($"“{c.Quote}” — ").Text(c.Reported ?? "–").Text($" ({SourceWords(c.Source)})"),
            new Line().Bold($"Measured ({Profile(data.Profile)}): ").Text(r.Message.TrimEnd('.', ' ')).Text(AsRecorded(data, r)),
            rule.Text(". ").Bold("Why this threshold: ").Text(c.Reason),
        ];
        if (RobustnessSection.OfClaim(data, r) is { } robustness) items.Add(robustness);
        if (r.Verdict != Verdict.Holds && c.Evidence is { Length: > 0 } evidence)
            items.Add(new Line().Bold("Evidence recorded in experiments.yaml: ").Text(evidence));
        blocks.Add(new BulletList(items));
    }

    /// <summary>Whether the verdict is the one experiments.yaml records, and what it records for the full profile when that differs.</summary>
    static string AsRecorded(ReportData data, ClaimResult r)
    {
        var c = r.Claim;
        var profile = Profile(data.Profile);
        var recorded = r.DecidedByCpu
            ? $" — {Word(r.Verdict)} on this machine's kernels; experiments.yaml records {Word(r.Expected)} for the {profile} profile, " +
              $"and that the CPU decides this verdict: {r.VariesByCpu!.TrimEnd('.')}"
            : r.AsExpected
            ? $" — {Word(r.Verdict)}, as experiments.yaml records for the {profile} profile"
            : $" — {ReportFormat.Warning} experiments.yaml records {Word(r.Expected)} for the {profile} profile";
        return recorded + (data.Profile != Specs.Profile.Full && c.Expected(Specs.Profile.Full) != r.Expected
            ? $" (and {Word(c.Expected(Specs.Profile.Full))} for the full profile, whose budget can decide it)."
            : ".");
    }

    /// <summary>Where the claim comes from, in words (<see cref="ClaimSource"/>).</summary>
    internal static string SourceWords(ClaimSource source) => source switch
    {
        ClaimSource.Text => "stated in the report's text",
        ClaimSource.Figure => "read from a figure; the text states no such pattern",
        _ => "a published finding or the course's expectation; the report does not state it",
    };

    static string Rule(ClaimSpec c) =>
        c.Kind == ClaimKind.Parameters ? "the count of the model as built equals the report's"
        : Measure.Find(c.Metric)?.Scope == MeasureScope.Experiment ? "the one experiment-wide value lies in the range"
        : c.Rule.ToString();
}
