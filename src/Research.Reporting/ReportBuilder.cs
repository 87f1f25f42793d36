using Research.Claims;
using Research.Reporting.Document;
using Research.Reporting.Sections;
using Research.Specs;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting;

/// <summary>
/// Turns <see cref="ReportData"/> into the report's document: an opening with the verdict count, the
/// contents, the summary table, one part per section of the report (experiment, choices, models, resolved
/// spec, results, figures, claims), the index of figures and provenance. A pure function of its input;
/// each part is written by its own type in <see cref="Sections"/>.
/// </summary>
public static class ReportBuilder
{
    public const string InvocationFile = "invocation.json";

    public static ReportDocument Build(ReportData data)
    {
        var culture = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture =
            System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            var blocks = new List<Block>();
            var title = $"Reproduction of {data.Source}: {Profile(data.Profile)} profile";
            blocks.Add(new Heading(1, title));
            OpeningSection.Write(data, blocks);
            ContentsSection.Write(data, blocks);
            SummarySection.Write(data, blocks);
            foreach (var e in data.Experiments) ExperimentSection.Write(data, e, blocks);
            FigureIndexSection.Write(data, blocks);
            ProvenanceSection.Write(data, blocks);
            return new ReportDocument(title, blocks);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = culture;
        }
    }

    /// <summary>
    /// The measured values behind a claim: per model (or per metric, for a correlation) mean ± SD over seeds,
    /// and the test statistic of a trend.
    /// </summary>
    public static Line Reproduced(ClaimResult result, ExperimentSpec e) => ReproducedValues.Of(result, e);
}
