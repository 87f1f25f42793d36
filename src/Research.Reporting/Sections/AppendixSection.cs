using Research.Outcomes;
using Research.Reporting.Document;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting.Sections;

/// <summary>
/// The report's appendix (APPENDIX.md, appendix.html): per experiment, the settings in which its three settings
/// differ, each value with its source, and the resolved spec as JSON. Kept out of REPORT.md, where it was
/// three quarters of the lines (issue 18); each experiment's part of the report links to its entry here.
/// </summary>
internal static class AppendixSection
{
    public const string MarkdownFile = "APPENDIX.md", HtmlFile = "appendix.html";

    /// <summary>The link from the report to an experiment's entry (the HTML writer points it at appendix.html).</summary>
    public static string Link(string experiment) => $"{MarkdownFile}#{Anchor(experiment)}";

    public static string Anchor(string experiment) => "spec-" + experiment;

    public static ReportDocument Build(ReportData data)
    {
        var title = $"Appendix to the reproduction of {data.Source}: {Profile(data.Profile)} profile";
        var blocks = new List<Block>
        {
            new Heading(1, title),
            new Paragraph(new Line().Text("Every experiment's settings as ").Code("experiments.yaml").Text(" resolves them, for ")
                .Link("the report", ReportGenerator.MarkdownFile).Text(". Per experiment: where its three settings (as written, as run, harness) differ, ")
                .Text("each value with its source, on the full profile; then the spec resolved for this profile, as JSON.")),
            new BulletList(data.Experiments.Select(e => new Line().Link($"§{e.Experiment.Section} {e.Experiment.Title}", "#" + Anchor(e.Experiment.Id))).ToList()),
        };
        foreach (var e in data.Experiments)
        {
            blocks.Add(new Rule());
            blocks.Add(new Heading(2, $"§{e.Experiment.Section} {e.Experiment.Id}", Anchor(e.Experiment.Id)));
            VariantsSection.WriteSettingsTable(data, e.Experiment, blocks);
            blocks.Add(ResolvedSpec.Details(data, e));
            blocks.Add(new Paragraph(new Line().Text("Back to ").Link($"§{e.Experiment.Section} in the report", $"{ReportGenerator.MarkdownFile}#{SectionAnchor(e.Experiment.Section)}").Text(".")));
        }
        FigureIndexSection.Write(data, blocks);
        return new ReportDocument(title, blocks);
    }
}
