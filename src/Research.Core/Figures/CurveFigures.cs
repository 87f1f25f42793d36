using Research.Analysis;
using Research.Data;
using Research.Measures;
using Research.Specs;
using Research.Training;
using static System.FormattableString;

namespace Research.Figures;

/// <summary>Per-epoch curves (losses, gradient norms, any recorded series), the target function and the fitted predictions.</summary>
internal static class CurveFigures
{
    public static Figure Target(FigureSpec spec, DatasetSpec data)
    {
        var (x, y) = Truth(data);
        var formula = TargetFunctions.Formula(data.Function!.Value);
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption, Title = $"y = {formula}", XLabel = "x", YLabel = "y",
            Series = [new FigureSeries { Id = "target", Label = formula, X = x, Y = y, Group = 0 }],
        };
    }

    public static Figure Loss(FigureSpec spec, ExperimentSpec e, ExperimentResults results) =>
        PerRun(spec, e, results, Measure.TrainLoss.Of, "Training loss",
            e.Loss == LossKind.Mse ? "training loss (MSE, log scale)" : "training loss (cross-entropy, log scale)", threshold: true);

    public static Figure GradientNorm(FigureSpec spec, ExperimentSpec e, ExperimentResults results) =>
        PerRun(spec, e, results,
            r => r.Metrics.GradientNorm ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number} needs record: {{ gradient_norm: true }}"),
            "Gradient norm", "‖∇θ L‖₂ (log scale)", threshold: false, band: true);

    /// <summary>
    /// One series per run, one colour per model (its first seed bold), with the convergence threshold if asked.
    /// With <paramref name="band"/> and several seeds, a model is drawn as its median and interquartile range
    /// instead (<see cref="SeedBands"/>): twenty seeds as lines are spaghetti (issue 18, Fig. 11).
    /// </summary>
    static Figure PerRun(FigureSpec spec, ExperimentSpec e, ExperimentResults results, Func<RunResult, double[]> values, string what, string yLabel,
        bool threshold, bool band = false)
    {
        var series = new List<FigureSeries>();
        var bands = new List<FigureBand>();
        var group = 0;
        var banded = band && e.Seeds.Count > 1;
        foreach (var (id, model) in e.Models)
        {
            var mine = results.Of(id);
            if (banded && mine.Count > 1)
            {
                var (median, iqr, seeds) = SeedBands.Of(id, model.Label, mine, values, group++);
                series.AddRange(seeds);
                series.Add(median);
                bands.Add(iqr);
                continue;
            }
            foreach (var run in mine)
                series.Add(new FigureSeries
                {
                    Id = $"{id}/seed{run.Seed}",
                    Label = run == mine[0] ? Invariant($"{model.Label}, {run.Parameters:N0} parameters") : $"{model.Label}, seed {run.Seed}",
                    X = run.Metrics.Epochs.Select(x => (double)x).ToArray(),
                    Y = values(run),
                    Group = group,
                    Faint = run != mine[0],
                });
            group++;
        }
        if (threshold && e.Convergence is { } rule && series.Count > 0)
            series.Add(new FigureSeries
            {
                Id = "convergence-threshold",
                Label = Invariant($"convergence: MSE < {rule.LossBelow:G}"),
                X = [1, series.Max(s => s.X[^1])], Y = [rule.LossBelow, rule.LossBelow], Reference = true,
            });
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = banded ? $"{what} per epoch (median and interquartile range of {e.Seeds.Count} seeds)" : $"{what} per epoch ({FigureBuilder.Seeds(e)})",
            XLabel = "epoch", YLabel = yLabel,
            LogY = true, Series = series, Bands = bands,
        };
    }

    public static Figure Predictions(FigureSpec spec, ExperimentSpec e, DatasetSpec data, ExperimentResults results)
    {
        var (x, y) = Truth(data);
        var series = new List<FigureSeries> { new() { Id = "truth", Label = $"ground truth {TargetFunctions.Formula(data.Function!.Value)}", X = x, Y = y, Reference = true } };
        var group = 0;
        foreach (var (id, model) in e.Models)
        {
            var run = results.Of(id).First();
            series.Add(new FigureSeries
            {
                Id = $"{id}/seed{run.Seed}",
                Label = Invariant($"{model.Label} (seed {run.Seed}, {(run.ConvergedEpoch is { } c ? Invariant($"converged at {c:N0}") : Invariant($"{run.Epochs:N0} epochs"))})"),
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

    /// <summary>Recorded series of the chosen models: one colour per model, the first series solid, the others dashed; other seeds faint.</summary>
    public static Figure Metrics(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
    {
        var measures = (spec.Series.Count > 0 ? spec.Series : [Measure.TrainLoss.Name]).Select(Measure.GetSeries).ToList();
        var models = spec.Models.Count > 0 ? spec.Models : e.Models.Keys.ToList();
        var series = new List<FigureSeries>();
        for (int group = 0; group < models.Count; group++)
        {
            var id = models[group];
            var mine = results.Of(id);
            foreach (var run in mine)
                for (int k = 0; k < measures.Count; k++)
                    series.Add(new FigureSeries
                    {
                        Id = $"{id}/seed{run.Seed}/{measures[k].Name}",
                        Label = models.Count == 1 ? measures[k].Label : $"{e.Models[id].Label}: {measures[k].Label}",
                        X = measures[k].EpochsOf(run), Y = measures[k].Of(run),
                        Group = models.Count == 1 ? k : group, Dashed = models.Count > 1 && k > 0, Faint = run != mine[0],
                    });
        }
        var what = string.Join(" and ", measures.Select(m => m.Label));
        var loss = measures.All(m => m.IsLoss);
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"{char.ToUpperInvariant(what[0])}{what[1..]} per epoch ({FigureBuilder.Seeds(e)})",
            XLabel = "epoch",
            YLabel = loss ? $"{(e.Loss == LossKind.Mse ? "MSE" : "cross-entropy")} loss (log scale)" : "accuracy",
            LogY = loss, Series = series,
        };
    }

    static (double[] X, double[] Y) Truth(DatasetSpec data) =>
        TargetFunctions.Sample(data.Function!.Value, data.Domain![0], data.Domain[1], data.Points);
}
