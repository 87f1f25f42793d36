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
        // Under 120 columns labels and the report's numbers would wrap every row over three lines: the model's id
        // instead of its label, no "the report" column (`research list` and the report give it), "c" for cached.
        bool narrow = AnsiConsole.Profile.Width < 120;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"§{e.Section} {Markup.Escape(e.Id)} — {Markup.Escape(e.Title)} ({e.Profile.ToString().ToLowerInvariant()} profile)");
        table.AddColumns("model", "params", "seed", "outcome", narrow ? "train loss" : "final train loss");
        if (classify) table.AddColumns("train acc", "test acc");
        if (!narrow) table.AddColumns("the report");
        table.AddColumns("wall");
        foreach (var r in results)
        {
            var model = e.Models[r.Model];
            var row = new List<string>
            {
                Markup.Escape(narrow ? model.Id : model.Label), $"{r.Parameters:N0}", r.Seed.ToString(),
                r.Outcome switch
                {
                    RunOutcome.Converged => narrow ? $"[green]@ {r.ConvergedEpoch:N0}[/]" : $"[green]converged @ {r.ConvergedEpoch:N0}[/]",
                    RunOutcome.Diverged => $"[red]diverged @ {r.DivergedEpoch:N0}[/]",
                    _ when e.Convergence is null => narrow ? Epochs(r.Epochs).Replace(" epochs", " ep.").Replace(" epoch", " ep.") : $"trained {Epochs(r.Epochs)}",
                    _ => narrow ? $"[yellow]no ({r.Epochs:N0})[/]" : $"[yellow]not converged ({Epochs(r.Epochs)})[/]",
                },
                $"{r.FinalTrainLoss:G4}",
            };
            if (classify)
                row.AddRange([
                    r.Metrics.TrainAccuracy is { Length: > 0 } ta ? $"{ta[^1]:P2}" : "–",
                    r.Metrics.TestAccuracy is { Length: > 0 } te ? $"{te[^1]:P2}" : "–"]);
            if (!narrow) row.Add(Markup.Escape(model.Reported?.ToString() ?? "–"));
            row.Add($"{r.Provenance.WallSeconds:F1} s{(cached?.Invoke(r) == true ? (narrow ? " c" : " (cached)") : "")}");
            table.AddRow(row.ToArray());
        }
        if (narrow) table.Caption("outcome: @ the epoch of convergence; c: from the run cache (the original training's wall time)");
        return table;
    }

    static string Epochs(int n) => Words.Count(n, "epoch");
}
