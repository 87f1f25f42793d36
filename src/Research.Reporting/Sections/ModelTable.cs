using Research.Reporting.Document;
using Research.Specs;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>An experiment's models: parameters as built (and as the report states them), optimizer, batch size, epochs, seeds, the report's numbers.</summary>
internal static class ModelTable
{
    public static Table Of(ExperimentOutcome report)
    {
        var rows = report.Experiment.Models.Values.Select(m => Row(report, m)).ToList();
        return new Table(["model", "parameters", "optimizer", "batch size", "epochs", "seeds", "the report"], rows, new HashSet<int> { 1 });
    }

    static IReadOnlyList<Line> Row(ExperimentOutcome report, ModelSpec m)
    {
        var e = report.Experiment;
        var built = report.Results.Of(m.Id).FirstOrDefault()?.Parameters;
        var parameters = built is { } b
            ? Count(b) + (m.Parameters is { } stated && stated != b ? $" (report: {Count(stated)})" : "")
            : m.Parameters is { } s ? Count(s) : "–";
        return
        [
            new Line().Text(m.Label).Break().Code(m.Id),
            parameters,
            Optimizer(m.Optimizer),
            Batch(m.Settings.Batch),
            Count(e.MaxEpochs) + (e.Convergence is null ? "" : " at most"),
            Seeds(e.Seeds),
            Reported(m.Reported),
        ];
    }
}
