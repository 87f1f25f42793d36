using Research.Analysis;
using Research.Measures;
using Research.Specs;
using Research.Training;

namespace Research.Figures;

/// <summary>Final values across models: against a model property (sweeps) or against another measure (scatter).</summary>
internal static class SweepFigures
{
    /// <summary>One point per run: one measure against another, one colour per model.</summary>
    public static Figure Scatter(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
    {
        var x = Measure.Get(spec.X ?? throw new InvalidOperationException($"{e.Id}: scatter figure {spec.Number} needs x"));
        var y = Measure.Get(spec.Y ?? throw new InvalidOperationException($"{e.Id}: scatter figure {spec.Number} needs y"));
        var series = e.Models.Select((m, group) =>
        {
            var mine = results.Of(m.Key);
            return new FigureSeries
            {
                Id = m.Key, Label = $"{m.Value.Label} ({mine.Count} runs)", Group = group, Markers = true,
                X = mine.Select(r => x.Of(r)).ToArray(),
                Y = mine.Select(r => y.Of(r)).ToArray(),
            };
        }).ToList();
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption, Title = ScatterTitle(x, y, e, results),
            XLabel = x.Label, YLabel = y.Label + (y.IsLoss ? " (log scale)" : ""), LogY = y.IsLoss, Series = series,
        };
    }

    /// <summary>
    /// Final measures against a model property: seed means joined by a line, each seed a faint point; optionally
    /// one more measure (spec's <c>right</c>) in a panel of its own below, sharing the x axis: on a second y axis
    /// of the same panel its curve looked as if it tracked the others (issue 18, Fig. 21).
    /// </summary>
    public static Figure Sweep(FigureSpec spec, ExperimentSpec e, ExperimentResults results)
    {
        var x = spec.X ?? "parameters";
        double Position(string model) => x switch
        {
            "parameters" => results.Of(model)[0].Parameters,
            "batch_size" => e.Models[model].Settings.Batch.Size
                ?? throw new InvalidOperationException($"{e.Id}: figure {spec.Number}: model {model} trains full-batch; no batch size to plot"),
            _ => throw new InvalidOperationException($"{e.Id}: figure {spec.Number}: sweep x must be parameters or batch_size, not '{x}'"),
        };
        var models = e.Models.Keys.OrderBy(Position).ToList();
        var xs = models.Select(Position).ToArray();
        var left = spec.Series.Select(Measure.Get).ToList();
        var right = spec.Right is { } r ? Measure.Get(r) : null;
        var series = new List<FigureSeries>();
        var axes = left.Select(m => (Measure: m, Right: false)).ToList();
        if (right != null) axes.Add((right, true));
        for (int k = 0; k < axes.Count; k++)
            series.AddRange(MeanAndSeeds(axes[k].Measure, axes[k].Right, k, models, xs, results));
        var loss = left.All(m => m.IsLoss);
        var yLabel = loss ? "cross-entropy loss (log scale)" : "accuracy";
        FigurePanel[] panels = right is null ? [] :
        [
            new() { YLabel = yLabel, LogY = loss },
            new() { YLabel = $"{right.Label}{((right == Measure.Sensitivity ? e.Analysis?.Sensitivity?.Symbol : right.Symbol) is { } s ? " " + s : "")}" },
        ];
        return new Figure
        {
            Number = spec.Number, Caption = spec.Caption,
            Title = $"Final {string.Join(" and ", left.Select(m => m.Label))}{(right is null ? "" : $", and {right.Label},")} against " +
                    $"{(x == "parameters" ? "the number of parameters" : "the batch size")} ({e.MaxEpochs} epoch{(e.MaxEpochs == 1 ? "" : "s")})",
            XLabel = x == "parameters" ? "parameters (log scale)" : "batch size",
            YLabel = yLabel,
            LogX = x == "parameters", LogY = loss,
            Panels = panels, Series = series,
        };
    }

    /// <summary>The seed means of one measure joined by a line, and (with several seeds) each seed as a faint point.</summary>
    static IEnumerable<FigureSeries> MeanAndSeeds(Measure measure, bool below, int group, List<string> models, double[] xs, ExperimentResults results)
    {
        var perModel = models.Select(m => results.Of(m).Select(r => measure.Of(r)).ToArray()).ToList();
        yield return new FigureSeries
        {
            Id = $"{measure.Name}/mean", Label = $"{measure.Label}{(perModel[0].Length > 1 ? $" (mean of {perModel[0].Length} seeds)" : "")}",
            X = xs, Y = perModel.Select(v => v.Average()).ToArray(), Group = group, LineMarkers = true, Panel = below ? 1 : 0,
        };
        if (perModel[0].Length > 1)
            yield return new FigureSeries
            {
                Id = $"{measure.Name}/seeds", Label = $"{measure.Label}, each seed",
                X = xs.SelectMany((v, i) => perModel[i].Select(_ => v)).ToArray(), Y = perModel.SelectMany(v => v).ToArray(),
                Group = group, Markers = true, Faint = true, Panel = below ? 1 : 0,
            };
    }

    /// <summary>
    /// "y against x"; for the loss after the gradient-norm phase, with the gradient norms that phase ended at,
    /// because they are not zero and the points are not critical points (issue 18, Fig. 13).
    /// </summary>
    static string ScatterTitle(Measure x, Measure y, ExperimentSpec e, ExperimentResults results)
    {
        var title = $"{char.ToUpperInvariant(y.Label[0])}{y.Label[1..]} against {x.Label}";
        if (y != Measure.CriticalLoss) return title;
        var norms = e.Models.Keys.SelectMany(results.Of).Select(r => Measure.CriticalGradientNorm.Of(r)).Where(double.IsFinite).ToList();
        return norms.Count == 0 ? title
            : title + System.FormattableString.Invariant($" (the phase ends at ‖∇θL‖ {norms.Min():G2}–{norms.Max():G2}, not at 0)");
    }
}
