using System.Globalization;
using Research.Specs;
using Research.Measures;
using static System.FormattableString;

namespace Research.Claims;

/// <summary>Checks the shape of a per-epoch series in every seed, then applies the fraction / sign-test rule.</summary>
internal static class ShapeClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        var shape = c.Shape!;
        var values = new Dictionary<string, double[]>();
        var parts = new List<string>();
        var holds = true;
        foreach (var model in c.Models)
        {
            var runs = input.Runs[model];
            var ok = 0;
            var measured = new List<double>();
            foreach (var run in runs)
            {
                var series = Measure.GetSeries(shape.Series).Of(run);
                var (pass, value) = Check(shape, series);
                if (pass) ok++;
                measured.Add(value);
            }
            values[model] = measured.ToArray();
            var (modelHolds, detail) = ClaimEvaluator.Decide(c.Rule, ok, runs.Count);
            holds &= modelHolds;
            parts.Add($"{input.Label(model)} {Describe(shape)} [{string.Join(", ", measured.Select(v => v.ToString("G3", CultureInfo.InvariantCulture)))}]: {detail}");
        }
        return new ClaimResult(c, ClaimEvaluator.Of(holds), $"{shape.Series}: {string.Join("; ", parts)}", values, values.Values.First().Length);
    }

    /// <returns>Whether every given check passes, and the measured quantity of the first check (for the message).</returns>
    internal static (bool Pass, double Value) Check(ShapeSpec shape, double[] series)
    {
        bool pass = true;
        double? first = null;
        if (shape.DropFactor is { } factor)
        {
            int at = Math.Min(shape.ByEpoch ?? series.Length, series.Length) - 1;
            var ratio = series[0] / series[at];
            pass &= ratio >= factor;
            first ??= ratio;
        }
        if (shape.PlateauAfter is { } after && shape.MaxLaterFraction is { } bound)
        {
            int from = Math.Min(after, series.Length) - 1;
            var total = Math.Abs(series[^1] - series[0]);
            var later = total == 0 ? 0 : Math.Abs(series[^1] - series[from]) / total;
            pass &= later <= bound;
            first ??= later;
        }
        if (shape.Direction is { } direction)
        {
            var (statistic, p) = Statistics.MannKendall(series, direction == TrendDirection.Increasing);
            pass &= p <= shape.TrendAlpha;
            first ??= statistic / (series.Length * (series.Length - 1) / 2.0); // Kendall's τ
        }
        if (shape.Bump is [var before, var peak, var dip])
        {
            double Around(int epoch)
            {
                int from = Math.Max(epoch - shape.BumpWindow, 1), to = Math.Min(epoch + shape.BumpWindow, series.Length);
                return from > to ? double.NaN : series[(from - 1)..to].Average();
            }
            double a = Around(before), b = Around(peak), c = Around(dip);
            pass &= dip + shape.BumpWindow <= series.Length && b > a && c < b; // a series too short has no bump
            first ??= b / a;
        }
        return (pass, first ?? double.NaN);
    }

    static string Describe(ShapeSpec s) =>
        s.DropFactor is { } f ? Invariant($"start / value at epoch {s.ByEpoch} (expected ≥ {f})")
        : s.PlateauAfter is { } after ? Invariant($"fraction of the total change after epoch {after} (expected ≤ {s.MaxLaterFraction})")
        : s.Bump is [var b, var p, var a] ? Invariant($"mean around epoch {p} ÷ mean around {b} (±{s.BumpWindow} epochs; expected > 1, and the mean around {a} below epoch {p}'s)")
        : Invariant($"Kendall's τ over the epochs (expected {(s.Direction == TrendDirection.Increasing ? "rising" : "falling")}, ") +
          Invariant($"Mann–Kendall p ≤ {s.TrendAlpha})");
}
