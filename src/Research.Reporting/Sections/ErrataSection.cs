using Research.Reporting.Document;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting.Sections;

/// <summary>
/// Errata: where the report's own code (its public notebooks) contradicts the report's text, or a defect of
/// the code bears on a claim, as experiments.yaml's <c>errata</c> records them from reports/report-code-audit.
/// </summary>
internal static class ErrataSection
{
    public const string Anchor = "errata";

    public static void Write(ReportData data, List<Block> blocks)
    {
        var errata = data.Spec.Errata;
        if (errata.Count == 0) return;
        blocks.Add(new Heading(2, "Errata: where the report's code contradicts its text", Anchor));
        blocks.Add(new Paragraph(new Line()
            .Text("The report's numbers come from its public notebooks (").Code("DineshchandarR/CPSC-8430-Deep-Learning-001")
            .Text("), and in these places the notebooks did something other than the text says, or something that bears on a claim. ")
            .Text("Each is recorded in experiments.yaml's ").Code("errata").Text(", from the audit in ").Code("reports/report-code-audit/")
            .Text(". Each experiment's as-run variant runs the code's settings where the harness can express them (see the verdicts above).")));
        var rows = errata.Select(e => (IReadOnlyList<Line>)
        [
            e.Section,
            e.Text,
            new Line().Text(e.Code).Break().Italic(e.Where),
            Bears(e),
        ]).ToList();
        blocks.Add(new Table(["§", "the report's text", "the report's code", "what it changes for the claims"], rows));
    }

    static Line Bears(Specs.ErratumSpec e)
    {
        var line = new Line().Text(e.Bears);
        if (e.Claims.Count == 0) return line;
        line.Break().Text("Claims: ");
        for (int i = 0; i < e.Claims.Count; i++)
        {
            if (i > 0) line.Text(", ");
            line.Link(e.Claims[i], "#" + ClaimAnchor(e.Claims[i]));
        }
        return line;
    }
}
