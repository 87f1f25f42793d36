using Research.Specs;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Display;

/// <summary>The table printed after <c>research run</c>: each run's outcome beside the report's number.</summary>
internal static class ResultTable
{
    /// <param name="e">The experiment, resolved for its profile.</param>
    /// <param name="results">Its runs, in the order to list them.</param>
    /// <param name="cached">Whether a run came from the run cache: its wall time is then the original training's, marked so.</param>
    public static Table Create(ExperimentSpec e, IReadOnlyList<RunResult> results, Func<RunResult, bool>? cached = null)
    {
        bool classify = e.Loss == LossKind.CrossEntropy;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"§{e.Section} {Markup.Escape(e.Id)} — {Markup.Escape(e.Title)} ({e.Profile.ToString().ToLowerInvariant()} profile)");
        table.AddColumns("model", "params", "seed", "outcome", "final train loss");
        if (classify) table.AddColumns("train acc", "test acc");
        table.AddColumns("the report", "wall");
        foreach (var r in results)
        {
            var model = e.Models[r.Model];
            var row = new List<string>
            {
                Markup.Escape(model.Label), $"{r.Parameters:N0}", r.Seed.ToString(),
                r.Outcome switch
                {
                    RunOutcome.Converged => $"[green]converged @ {r.ConvergedEpoch:N0}[/]",
                    RunOutcome.Diverged => $"[red]diverged @ {r.DivergedEpoch:N0}[/]",
                    _ when e.Convergence is null => $"trained {Epochs(r.Epochs)}",
                    _ => $"[yellow]not converged ({Epochs(r.Epochs)})[/]",
                },
                $"{r.FinalTrainLoss:G4}",
            };
            if (classify)
                row.AddRange([
                    r.Metrics.TrainAccuracy is { Length: > 0 } ta ? $"{ta[^1]:P2}" : "–",
                    r.Metrics.TestAccuracy is { Length: > 0 } te ? $"{te[^1]:P2}" : "–"]);
            row.AddRange([Markup.Escape(model.Reported?.ToString() ?? "–"), $"{r.Provenance.WallSeconds:F1} s{(cached?.Invoke(r) == true ? " (cached)" : "")}"]);
            table.AddRow(row.ToArray());
        }
        return table;
    }

    static string Epochs(int n) => Words.Count(n, "epoch");
}
