using Research.Training;

namespace Research.Figures;

/// <summary>
/// A model's seeds as their median per epoch and the band from the 25th to the 75th percentile, with each seed
/// kept as a hidden series: the baselines still pin every seed, the interactive chart can still show them.
/// </summary>
internal static class SeedBands
{
    /// <summary>Over the epochs every seed reached (a seed that stopped early would otherwise bend the median).</summary>
    public static (FigureSeries Median, FigureBand Iqr, IReadOnlyList<FigureSeries> Seeds) Of(
        string id, string label, IReadOnlyList<RunResult> runs, Func<RunResult, double[]> values, int group)
    {
        var ys = runs.Select(values).ToList();
        var length = Math.Min(ys.Min(y => y.Length), runs.Min(r => r.Metrics.Epochs.Length));
        var x = runs[0].Metrics.Epochs.Take(length).Select(v => (double)v).ToArray();
        double[] At(double q) => Enumerable.Range(0, length).Select(i => Quantile(ys.Select(y => y[i]), q)).ToArray();
        var seeds = runs.Select((run, k) => new FigureSeries
        {
            Id = $"{id}/seed{run.Seed}", Label = $"{label}, seed {run.Seed}", X = run.Metrics.Epochs.Select(v => (double)v).ToArray(), Y = ys[k],
            Group = group, Faint = true, Hidden = true,
        }).ToList();
        var median = new FigureSeries { Id = $"{id}/median", Label = $"{label}, median of {runs.Count} seeds", X = x, Y = At(0.5), Group = group };
        var iqr = new FigureBand { Id = $"{id}/iqr", Label = $"{label}, 25th–75th percentile", X = x, Lower = At(0.25), Upper = At(0.75), Group = group };
        return (median, iqr, seeds);
    }

    /// <summary>Linear interpolation between order statistics (type 7, numpy's default); NaNs are left out.</summary>
    static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }
}
