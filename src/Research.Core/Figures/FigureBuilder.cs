using System.Globalization;
using Research.Data;
using Research.Specs;
using Research.Training;

namespace Research.Figures;

/// <summary>Builds an experiment's figures (as listed in its spec) from its runs.</summary>
public static class FigureBuilder
{
    /// <param name="experiment">The experiment, resolved for a profile.</param>
    /// <param name="data">Its data set.</param>
    /// <param name="runs">Its runs: every model × seed of the profile, seeds in order.</param>
    public static IReadOnlyList<Figure> Build(ExperimentSpec experiment, DatasetSpec data, IReadOnlyList<RunResult> runs) =>
        experiment.Figures.Select(f => Build(f, experiment, data, runs)).ToList();

    static Figure Build(FigureSpec spec, ExperimentSpec e, DatasetSpec data, IReadOnlyList<RunResult> runs) => spec.Kind switch
    {
        FigureKind.Target => Target(spec, data),
        FigureKind.LossCurves => Curves(spec, e, runs, r => r.Metrics.TrainLoss, "Training loss",
            e.Loss == LossKind.Mse ? "training loss (MSE, log scale)" : "training loss (cross-entropy, log scale)", threshold: true),
        FigureKind.GradientNorm => Curves(spec, e, runs,
            r => r.Metrics.GradientNorm ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number} needs record: {{ gradient_norm: true }}"),
            "Gradient norm", "‖∇θ L‖₂ (log scale)", threshold: false),
        FigureKind.Predictions => Predictions(spec, e, data, runs),
        FigureKind.Scatter => Scatter(spec, e, runs),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    static (double[] X, double[] Y) Truth(DatasetSpec data) =>
        TargetFunctions.Sample(data.Function!.Value, data.Domain![0], data.Domain[1], data.Points);

    static Figure Target(FigureSpec spec, DatasetSpec data)
    {
        var (x, y) = Truth(data);
        var formula = TargetFunctions.Formula(data.Function!.Value);
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption, Title = $"y = {formula}", XLabel = "x", YLabel = "y",
            Series = [new FigureSeries { Id = "target", Label = formula, X = x, Y = y, Group = 0 }],
        };
    }

    static Figure Curves(FigureSpec spec, ExperimentSpec e, IReadOnlyList<RunResult> runs, Func<RunResult, double[]> values, string what, string yLabel, bool threshold)
    {
        var series = new List<FigureSeries>();
        var group = 0;
        foreach (var (id, model) in e.Models)
        {
            var mine = runs.Where(r => r.Model == id).OrderBy(r => r.Seed).ToList();
            foreach (var run in mine)
                series.Add(new FigureSeries
                {
                    Id = $"{id}/seed{run.Seed}",
                    Label = run == mine[0] ? $"{model.Label}, {run.Parameters:N0} parameters" : $"{model.Label}, seed {run.Seed}",
                    X = run.Metrics.Epochs.Select(x => (double)x).ToArray(),
                    Y = values(run),
                    Group = group,
                    Faint = run != mine[0],
                });
            group++;
        }
        if (threshold && e.Convergence is { } rule && series.Count > 0)
        {
            var last = series.Max(s => s.X[^1]);
            series.Add(new FigureSeries
            {
                Id = "convergence-threshold",
                Label = $"convergence: MSE < {rule.LossBelow.ToString("G", CultureInfo.InvariantCulture)}",
                X = [1, last], Y = [rule.LossBelow, rule.LossBelow], Reference = true,
            });
        }
        var seeds = e.Seeds.Count;
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"{what} per epoch ({seeds} seed{(seeds == 1 ? "" : "s")}{(seeds > 1 ? $"; bold: seed {e.Seeds[0]}" : "")})",
            XLabel = "epoch", YLabel = yLabel,
            LogY = true, Series = series,
        };
    }

    static Figure Scatter(FigureSpec spec, ExperimentSpec e, IReadOnlyList<RunResult> runs)
    {
        string x = spec.X ?? throw new InvalidOperationException($"{e.Id}: scatter figure {spec.Number} needs x"), y = spec.Y ?? throw new InvalidOperationException($"{e.Id}: scatter figure {spec.Number} needs y");
        var series = e.Models.Select((m, group) =>
        {
            var mine = runs.Where(r => r.Model == m.Key).OrderBy(r => r.Seed).ToList();
            return new FigureSeries
            {
                Id = m.Key, Label = $"{m.Value.Label} ({mine.Count} runs)", Group = group, Markers = true,
                X = mine.Select(r => Claims.Metrics.Value(x, r)).ToArray(),
                Y = mine.Select(r => Claims.Metrics.Value(y, r)).ToArray(),
            };
        }).ToList();
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption, Title = $"{Pretty(y)} against {Pretty(x)}",
            XLabel = Pretty(x), YLabel = Pretty(y) + (y.Contains("loss") ? " (log scale)" : ""), LogY = y.Contains("loss"), Series = series,
        };
    }

    static string Pretty(string metric) => metric.Replace('_', ' ');

    static Figure Predictions(FigureSpec spec, ExperimentSpec e, DatasetSpec data, IReadOnlyList<RunResult> runs)
    {
        var (x, y) = Truth(data);
        var series = new List<FigureSeries> { new() { Id = "truth", Label = $"ground truth {TargetFunctions.Formula(data.Function!.Value)}", X = x, Y = y, Reference = true } };
        var group = 0;
        foreach (var (id, model) in e.Models)
        {
            var run = runs.Where(r => r.Model == id).OrderBy(r => r.Seed).First();
            series.Add(new FigureSeries
            {
                Id = $"{id}/seed{run.Seed}",
                Label = $"{model.Label} (seed {run.Seed}, {(run.ConvergedEpoch is { } c ? $"converged at {c:N0}" : $"{run.Epochs:N0} epochs")})",
                X = x, Y = run.Predictions ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number} needs record: {{ predictions: true }}"),
                Group = group++,
            });
        }
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption, Title = "Model predictions against the ground truth",
            XLabel = "x", YLabel = "y", Series = series,
        };
    }
}
