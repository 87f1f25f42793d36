using Research.Analysis;
using Research.Specs;
using static System.FormattableString;

namespace Research.Figures;

/// <summary>Figures of the analyses after training: weight trajectories in principal components, and loss along a line between two models.</summary>
internal static class AnalysisFigures
{
    /// <summary>
    /// Each run's trajectory in the first two principal components, its final point labelled with the test
    /// accuracy; the starts (near each other: every run starts from a small random init) are one black series
    /// with one legend entry, not a "start" text per run, which piled up (issue 18, Fig. 9). Equal axes, so that
    /// a distance in the plane reads the same in both components.
    /// </summary>
    public static Figure Pca(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
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
                    [t.Length - 1] = accuracy is { } final ? Invariant($"{final * 100:0.0}% test") : Invariant($"loss {run.FinalTrainLoss:G3}"),
                },
            };
        }).ToList();
        var starts = projection.Trajectories.Take(runs.Count).Where(t => t.Length > 0).ToList();
        series.Add(new FigureSeries
        {
            Id = "start", Label = $"start (initial weights, {starts.Count} run{(starts.Count == 1 ? "" : "s")})", Markers = true, Reference = true,
            X = starts.Select(t => t[0][0]).ToArray(), Y = starts.Select(t => t[0][1]).ToArray(),
        });
        var what = layer
            ? Invariant($"{e.Analysis!.Pca!.Layer} ({e.Analysis.Pca.LayerParameters:N0} parameters)")
            : Invariant($"whole model ({runs[0].Parameters:N0} parameters)");
        var variance = projection.ExplainedVariance;
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"Weights of the {what}, every epoch, in 2 principal components",
            XLabel = Invariant($"PC 1 ({variance[0]:P1} of variance)"),
            YLabel = variance.Length > 1 ? Invariant($"PC 2 ({variance[1]:P1} of variance)") : "PC 2",
            EqualAxes = true, Series = series,
        };
    }

    /// <summary>Train and test loss (log, left) and accuracy (right) along θ(α) = (1−α)·θ_from + α·θ_to; first seed bold, others faint.</summary>
    public static Figure Interpolation(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
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
            XLabel = pair.Retrain is { } r ? $"α (each θ(α) trained {r.Epochs} epoch{(r.Epochs == 1 ? "" : "s")} before it is measured)" : "α", YLabel = "cross-entropy loss (log scale)", LogY = true, Y2Label = "accuracy", Series = series,
        };
    }
}
