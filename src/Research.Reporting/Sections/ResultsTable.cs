using Research.Claims;
using Research.Reporting.Document;
using Research.Specs;
using Research.Training;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.Measures;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>
/// An experiment's results: one row per model with its runs, their outcome and each recorded final measure
/// as mean ± SD over seeds, then the experiment-wide measures (all runs together).
/// </summary>
internal static class ResultsTable
{
    public static Table Of(ExperimentOutcome report)
    {
        var e = report.Experiment;
        var columns = Columns(report).ToList();
        var header = new List<string> { "model", "runs", "outcome" };
        header.AddRange(columns.Select(c => c.Heading));
        header.Add("training time per run");
        var rows = new List<IReadOnlyList<Line>>();
        foreach (var m in e.Models.Values)
        {
            var runs = report.Results.Of(m.Id);
            var row = new List<Line> { m.Label, Count(runs.Count), Outcome(e, runs) };
            row.AddRange(columns.Select(c => (Line)Spread(c.Name, runs.Select(r => c.Of(r)).ToList())));
            row.Add(runs.Count == 0 ? "–" : Seconds(runs.Average(r => r.Provenance.WallSeconds)));
            rows.Add(row);
        }
        return new Table(header, rows, new HashSet<int> { 1 });
    }

    /// <summary>The measures the experiment records, in the order of the columns.</summary>
    static IEnumerable<Measure> Columns(ExperimentOutcome report)
    {
        var e = report.Experiment;
        bool test = e.Record.Test, accuracy = e.Record.Accuracy;
        yield return Measure.FinalTrainLoss;
        if (test) yield return Measure.FinalTestLoss;
        if (accuracy) yield return Measure.FinalTrainAccuracy;
        if (accuracy && test) yield return Measure.FinalTestAccuracy;
        if (e.Record.GradientNorm) yield return Measure.FinalGradientNorm;
        if (e.CriticalPoint is not null)
        {
            yield return Measure.CriticalLoss;
            yield return Measure.MinimalRatio;
        }
        // Analysis measures every run of the experiment has (sensitivity; the end sharpness of an interpolation).
        var runs = report.Results.Runs;
        foreach (var m in Measure.All.Where(m => m is { FromAnalysis: true, Scope: MeasureScope.Run }))
            if (runs.Count > 0 && runs.All(r => r.Scalars?.ContainsKey(m.Name) == true)) yield return m;
        foreach (var name in e.Columns) yield return Measure.Get(name);
    }

    static string Outcome(ExperimentSpec e, IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0) return "–";
        var diverged = runs.Count(r => r.Outcome == RunOutcome.Diverged);
        var parts = new List<string>();
        if (e.Convergence is not null)
        {
            var converged = runs.Where(r => r.Outcome == RunOutcome.Converged).Select(r => r.ConvergedEpoch!.Value).Order().ToList();
            parts.Add(converged.Count == 0
                ? Invariant($"not converged in {Count(e.MaxEpochs)} epochs ({runs.Count} of {runs.Count})")
                : Invariant($"converged in {converged.Count} of {runs.Count}, ") +
                  Invariant($"at epoch{(converged.Count == 1 ? "" : "s")} {string.Join(", ", converged.Select(x => Count(x)))}"));
        }
        else
        {
            var epochs = runs.Select(r => r.Epochs).Distinct().Order().ToList();
            parts.Add($"trained {string.Join(" / ", epochs.Select(x => Count(x)))} epoch{(epochs is [1] ? "" : "s")}");
        }
        if (diverged > 0) parts.Add(Invariant($"diverged in {diverged}"));
        return string.Join("; ", parts);
    }

    /// <summary>The experiment-wide measures (PCA and the like), glossed; null when it has none.</summary>
    public static Line? ExperimentWide(ExperimentOutcome report)
    {
        var scalars = report.Results.Scalars;
        if (scalars.Count == 0) return null;
        var measures = scalars.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} = {Measure.Format(p.Key, p.Value)}{(Measure.Find(p.Key)?.Gloss is { } gloss ? $" ({gloss})" : "")}");
        return new Line().Text("Experiment-wide measures (all runs together): ").Text(string.Join("; ", measures)).Text(".");
    }
}
