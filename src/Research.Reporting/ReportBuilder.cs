using Research.Claims;
using Research.Reporting.Document;
using Research.Reporting.Sections;
using Research.Specs;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting;

/// <summary>
/// Turns <see cref="ReportData"/> into the report's document: the verdict count by source, the claims that
/// do not hold (one line each), what the profiles and verdicts are, the contents, the summary table, one part per section of the report (experiment, choices, models, resolved
/// spec, results, figures, claims), the index of figures and provenance. A pure function of its input;
/// each part is written by its own type in <see cref="Sections"/>. Numbers are written in the invariant
/// culture, passed explicitly wherever one is formatted, so the current culture never changes the report
/// (nor is it changed).
/// </summary>
public static class ReportBuilder
{
    public const string InvocationFile = "invocation.json";

    public static ReportDocument Build(ReportData data)
    {
        var blocks = new List<Block>();
        var title = $"Reproduction of {data.Source}: {Profile(data.Profile)} profile";
        blocks.Add(new Heading(1, title));
        OpeningSection.WriteHeadline(data, blocks);
        DeviationsSection.Write(data, blocks);
        OpeningSection.Write(data, blocks);
        ContentsSection.Write(data, blocks);
        SummarySection.Write(data, blocks);
        VariantsSection.Write(data, blocks);
        RobustnessSection.Write(data, blocks);
        ErrataSection.Write(data, blocks);
        foreach (var e in data.Experiments) ExperimentSection.Write(data, e, blocks);
        ProvenanceSection.Write(data, blocks);
        return new ReportDocument(title, blocks);
    }

    /// <summary>The appendix: every experiment's settings with their sources, and its resolved spec (<see cref="AppendixSection"/>).</summary>
    public static ReportDocument BuildAppendix(ReportData data) => AppendixSection.Build(data);

    /// <summary>A link between the report's Markdown files, as the HTML pages name the same place.</summary>
    public static string HtmlLink(string target) =>
        target.StartsWith(AppendixSection.MarkdownFile, StringComparison.Ordinal) ? AppendixSection.HtmlFile + target[AppendixSection.MarkdownFile.Length..]
        : target.StartsWith(ReportGenerator.MarkdownFile, StringComparison.Ordinal) ? ReportGenerator.HtmlFile + target[ReportGenerator.MarkdownFile.Length..]
        : target;

    /// <summary>
    /// The measured values behind a claim: per model (or per metric, for a correlation) mean ± SD over seeds,
    /// and the test statistic of a trend.
    /// </summary>
    public static Line Reproduced(ClaimResult result, ExperimentSpec e) => ReproducedValues.Of(result, e);
}
