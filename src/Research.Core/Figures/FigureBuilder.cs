using System.Globalization;
using Research.Analysis;
using Research.Claims;
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
        Build(experiment, data, new ExperimentResults(experiment, runs));

    /// <param name="experiment">The experiment, resolved for a profile.</param>
    /// <param name="data">Its data set.</param>
    /// <param name="results">Its runs with their analyses (PCA and interpolation figures need them).</param>
    public static IReadOnlyList<Figure> Build(ExperimentSpec experiment, DatasetSpec data, ExperimentResults results) =>
        experiment.Figures.Select(f => Build(f, experiment, data, results)).ToList();

    static Figure Build(FigureSpec spec, ExperimentSpec e, DatasetSpec data, ExperimentResults results) => spec.Kind switch
    {
        FigureKind.Curves => MetricCurves(spec, e, results.Runs),
        FigureKind.Sweep => Sweep(spec, e, results.Runs),
        FigureKind.Pca => Pca(spec, e, results),
        FigureKind.Interpolation => Interpolation(spec, e, results),
        _ => Build(spec, e, data, results.Runs),
    };

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

    static string Title(string metric) => metric switch
    {
        "train_loss" => "training loss", "test_loss" => "test loss",
        "train_accuracy" => "training accuracy", "test_accuracy" => "test accuracy",
        "final_train_loss" => "training loss", "final_test_loss" => "test loss",
        "final_train_accuracy" => "training accuracy", "final_test_accuracy" => "test accuracy",
        _ => Pretty(metric),
    };

    static double[] EpochsOf(RunResult run, string series) =>
        (series.StartsWith("test_", StringComparison.Ordinal) ? run.Metrics.TestEpochs : run.Metrics.Epochs)!.Select(x => (double)x).ToArray();

    /// <summary>Per-epoch series of the chosen models: one colour per model, the first series solid, the others dashed; other seeds faint.</summary>
    static Figure MetricCurves(FigureSpec spec, ExperimentSpec e, IReadOnlyList<RunResult> runs)
    {
        var names = spec.Series.Count > 0 ? spec.Series : ["train_loss"];
        var models = spec.Models.Count > 0 ? spec.Models : e.Models.Keys.ToList();
        var loss = names.All(n => n.Contains("loss"));
        var series = new List<FigureSeries>();
        for (int group = 0; group < models.Count; group++)
        {
            var id = models[group];
            var mine = runs.Where(r => r.Model == id).OrderBy(r => r.Seed).ToList();
            foreach (var run in mine)
                for (int k = 0; k < names.Count; k++)
                    series.Add(new FigureSeries
                    {
                        Id = $"{id}/seed{run.Seed}/{names[k]}",
                        Label = models.Count == 1 ? Title(names[k]) : $"{e.Models[id].Label}: {Title(names[k])}",
                        X = EpochsOf(run, names[k]), Y = Metrics.Series(names[k], run),
                        Group = models.Count == 1 ? k : group, Dashed = models.Count > 1 && k > 0, Faint = run != mine[0],
                    });
        }
        var seeds = e.Seeds.Count;
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"{string.Join(" and ", names.Select(Title)).ToUpperInvariant()[0]}{string.Join(" and ", names.Select(Title))[1..]} per epoch" +
                    $" ({seeds} seed{(seeds == 1 ? "" : "s")}{(seeds > 1 ? $"; bold: seed {e.Seeds[0]}" : "")})",
            XLabel = "epoch",
            YLabel = loss ? $"{(e.Loss == LossKind.Mse ? "MSE" : "cross-entropy")} loss (log scale)" : "accuracy",
            LogY = loss, Series = series,
        };
    }

    /// <summary>Final metrics against a model property: seed means joined by a line, each seed a faint point; optionally one metric on the right axis.</summary>
    static Figure Sweep(FigureSpec spec, ExperimentSpec e, IReadOnlyList<RunResult> runs)
    {
        var x = spec.X ?? "parameters";
        double Position(string model) => x switch
        {
            "parameters" => runs.First(r => r.Model == model).Parameters,
            "batch_size" => (e.Models[model].BatchSize ?? e.BatchSize).Size ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number}: model {model} trains full-batch; no batch size to plot"),
            _ => throw new InvalidOperationException($"{e.Id}: figure {spec.Number}: sweep x must be parameters or batch_size, not '{x}'"),
        };
        var models = e.Models.Keys.OrderBy(Position).ToList();
        var xs = models.Select(Position).ToArray();
        var series = new List<FigureSeries>();
        var metrics = spec.Series.Select(m => (Name: m, Right: false)).ToList();
        if (spec.Right is { } right) metrics.Add((right, true));
        for (int k = 0; k < metrics.Count; k++)
        {
            var (name, onRight) = metrics[k];
            var perModel = models.Select(m => runs.Where(r => r.Model == m).OrderBy(r => r.Seed).Select(r => Metrics.Value(name, r)).ToArray()).ToList();
            series.Add(new FigureSeries
            {
                Id = $"{name}/mean", Label = $"{Title(name)}{(perModel[0].Length > 1 ? $" (mean of {perModel[0].Length} seeds)" : "")}",
                X = xs, Y = perModel.Select(v => v.Average()).ToArray(), Group = k, LineMarkers = true, Dashed = onRight, RightAxis = onRight,
            });
            if (perModel[0].Length > 1)
                series.Add(new FigureSeries
                {
                    Id = $"{name}/seeds", Label = $"{Title(name)}, each seed",
                    X = xs.SelectMany((v, i) => perModel[i].Select(_ => v)).ToArray(), Y = perModel.SelectMany(v => v).ToArray(),
                    Group = k, Markers = true, Faint = true, RightAxis = onRight,
                });
        }
        var left = spec.Series.All(n => n.Contains("loss"));
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"Final {string.Join(" and ", spec.Series.Select(Title))}{(spec.Right is { } r2 ? $", and {Title(r2)}," : "")} against {(x == "parameters" ? "the number of parameters" : "the batch size")} ({e.MaxEpochs} epoch{(e.MaxEpochs == 1 ? "" : "s")})",
            XLabel = x == "parameters" ? "parameters (log scale)" : "batch size",
            YLabel = left ? "cross-entropy loss (log scale)" : "accuracy",
            LogX = x == "parameters", LogY = left,
            Y2Label = spec.Right is { } r3 ? $"{Title(r3)}{(r3 == "sensitivity" ? " ‖∂softmax/∂x‖_F" : "")}" : null,
            Series = series,
        };
    }

    /// <summary>Each run's trajectory in the first two principal components; its final point labelled with the test accuracy.</summary>
    static Figure Pca(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
    {
        var pca = results.Pca ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number} needs analysis: {{ pca: … }}");
        var layer = spec.Part == "layer";
        var projection = layer ? pca.Layer : pca.Whole;
        var runs = results.Runs; // the order the PCA was fitted in
        var series = runs.Select((run, i) =>
        {
            var t = projection.Trajectories[i];
            var accuracy = run.Metrics.TestAccuracy is { Length: > 0 } a ? a[^1] : (double?)null;
            return new FigureSeries
            {
                Id = $"{run.Model}/seed{run.Seed}", Label = $"seed {run.Seed}", Group = i, LineMarkers = true,
                X = t.Select(p => p[0]).ToArray(), Y = t.Select(p => p[1]).ToArray(),
                PointLabels = new Dictionary<int, string>
                {
                    [0] = "start",
                    [t.Length - 1] = accuracy is { } final ? $"{final * 100:0.0}% test" : $"loss {run.FinalTrainLoss:G3}",
                },
            };
        }).ToList();
        var what = layer ? $"{e.Analysis!.Pca!.Layer} ({e.Analysis.Pca.LayerParameters:N0} parameters)" : $"whole model ({runs[0].Parameters:N0} parameters)";
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"Weights of the {what}, every epoch, in 2 principal components",
            XLabel = $"PC 1 ({projection.ExplainedVariance[0]:P1} of variance)",
            YLabel = projection.ExplainedVariance.Length > 1 ? $"PC 2 ({projection.ExplainedVariance[1]:P1} of variance)" : "PC 2",
            Series = series,
        };
    }

    /// <summary>Train and test loss (log, left) and accuracy (right) along θ(α) = (1−α)·θ_from + α·θ_to; first seed bold, others faint.</summary>
    static Figure Interpolation(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
    {
        var pairs = e.Analysis?.Interpolation?.Pairs ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number} needs analysis: {{ interpolation: … }}");
        var index = (spec.Pair ?? 1) - 1;
        if (index >= pairs.Count) throw new InvalidOperationException($"{e.Id}: figure {spec.Number}: pair {index + 1} does not exist ({pairs.Count} pairs)");
        var pair = pairs[index];
        var curves = results.Interpolations.Where(c => c.From == pair.From && c.To == pair.To).OrderBy(c => c.Seed).ToList();
        var series = new List<FigureSeries>();
        foreach (var c in curves)
        {
            var faint = c != curves[0];
            var ends = faint ? null : new Dictionary<int, string>
            {
                [Array.IndexOf(c.Alpha, 0.0)] = e.Models[pair.From].Label,
                [Array.IndexOf(c.Alpha, 1.0)] = e.Models[pair.To].Label,
            };
            series.Add(new() { Id = $"seed{c.Seed}/train_loss", Label = "training loss", X = c.Alpha, Y = c.TrainLoss, Group = 0, Faint = faint, LineMarkers = !faint, PointLabels = ends });
            series.Add(new() { Id = $"seed{c.Seed}/test_loss", Label = "test loss", X = c.Alpha, Y = c.TestLoss, Group = 1, Faint = faint, LineMarkers = !faint });
            series.Add(new() { Id = $"seed{c.Seed}/train_accuracy", Label = "training accuracy", X = c.Alpha, Y = c.TrainAccuracy, Group = 0, Faint = faint, Dashed = true, RightAxis = true });
            series.Add(new() { Id = $"seed{c.Seed}/test_accuracy", Label = "test accuracy", X = c.Alpha, Y = c.TestAccuracy, Group = 1, Faint = faint, Dashed = true, RightAxis = true });
        }
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"θ(α) = (1−α)·θ[{e.Models[pair.From].Label}] + α·θ[{e.Models[pair.To].Label}] ({curves.Count} seed{(curves.Count == 1 ? "" : "s")}; bold: seed {curves.FirstOrDefault()?.Seed})",
            XLabel = "α", YLabel = "cross-entropy loss (log scale)", LogY = true, Y2Label = "accuracy", Series = series,
        };
    }
}
