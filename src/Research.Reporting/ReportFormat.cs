using System.Globalization;
using Research.Claims;
using Research.Specs;
using Research.Measures;

namespace Research.Reporting;

/// <summary>How the report writes numbers, spreads, settings and verdicts (invariant culture throughout).</summary>
public static class ReportFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Values over seeds as a researcher reads them: one value as itself, several as mean ± sample SD with
    /// n; "never" counted apart (a mean over runs that never converged means nothing); the 0/1 "converged"
    /// as a count. Numbers are written in the measure's style (<see cref="Measure"/>).
    /// </summary>
    /// <param name="metric">The metric, for its number format (null: plain, 3 significant digits).</param>
    /// <param name="values">One value per seed (or run).</param>
    public static string Spread(string? metric, IReadOnlyList<double> values)
    {
        if (values.Count == 0) return "–";
        string F(double v) => metric is null ? v.ToString("G3", Invariant) : Measure.Format(metric, v);
        if (metric == Measure.Converged.Name)
            return string.Create(Invariant, $"converged in {values.Count(v => v == 1)} of {values.Count}");
        var finite = values.Where(double.IsFinite).ToList();
        var never = values.Count - finite.Count;
        if (finite.Count == 0) return never == 1 ? F(values[0]) : string.Create(Invariant, $"{F(values[0])} (all {values.Count})");
        var core = finite.Count == 1 ? F(finite[0]) : $"{F(finite.Average())} ± {Deviation(metric, StandardDeviation(finite))}";
        return never == 0
            ? string.Create(Invariant, $"{core} (n = {values.Count})")
            : string.Create(Invariant, $"{core} (n = {finite.Count}; {F(double.PositiveInfinity)} in {never} of {values.Count})");
    }

    /// <summary>
    /// A spread in the metric's own unit (epochs as counts, accuracies in points) or, for plain numbers,
    /// to two significant digits without an exponent: 3.954E-05 → 0.00004, 0.003104 → 0.0031.
    /// </summary>
    static string Deviation(string? metric, double sd)
    {
        if (Measure.StyleOf(metric) is NumberStyle.Count or NumberStyle.Percent)
            return Measure.Format(metric, sd);
        if (sd == 0 || !double.IsFinite(sd)) return sd.ToString("G3", Invariant);
        var digits = 1 - (int)Math.Floor(Math.Log10(Math.Abs(sd))); // decimals that keep two significant digits
        if (digits > 15) return sd.ToString("G2", Invariant);
        if (digits > 0) return Math.Round(sd, digits).ToString("0." + new string('#', digits), Invariant);
        var unit = Math.Pow(10, -digits);
        return (Math.Round(sd / unit) * unit).ToString("#,0", Invariant);
    }

    /// <summary>Sample standard deviation (n − 1).</summary>
    public static double StandardDeviation(IReadOnlyList<double> values) =>
        values.Count < 2 ? 0 : MathNet.Numerics.Statistics.Statistics.StandardDeviation(values); // as the claims' t-intervals use

    public static string Number(double v, string format = "G4") => v.ToString(format, Invariant);

    public static string Count(long n) => n.ToString("N0", Invariant);

    /// <summary>
    /// A verdict's mark: text symbols that DejaVu Sans (fontconfig's default on Debian) draws, not emoji,
    /// which show as empty boxes on a machine without an emoji font.
    /// </summary>
    public static string Mark(Verdict v) => v switch
    {
        Verdict.Holds => "✓",
        Verdict.Deviates => "✗",
        _ => "?",
    };

    /// <summary>Marks a verdict that is not the one experiments.yaml records (U+26A0 without the emoji selector).</summary>
    public const string Warning = "⚠";

    public static string VerdictText(Verdict v) => $"{Mark(v)} {Word(v)}";

    public static string Style(Verdict v) => v.ToString().ToLowerInvariant();

    public static string Word(Verdict v) => v.ToString().ToLowerInvariant();

    /// <summary>A recorded verdict, "pending" while the full profile has not measured it.</summary>
    public static string Word(Verdict? v) => v is { } x ? Word(x) : "pending";

    public static string Profile(Profile p) => p.ToString().ToLowerInvariant();

    public static string Optimizer(OptimizerSpec o)
    {
        var parts = new List<string> { $"lr {Number(o.Lr)}" };
        if (o.WeightDecay > 0) parts.Add($"weight decay {Number(o.WeightDecay)}");
        if (o.Momentum > 0) parts.Add($"momentum {Number(o.Momentum)}");
        var name = o.Kind switch { OptimizerKind.Adam => "Adam", OptimizerKind.Sgd => "SGD", _ => o.Kind.ToString() };
        return $"{name}, {string.Join(", ", parts)}";
    }

    public static string Batch(BatchSize b) => b.Size is { } n ? Count(n) : "full batch";

    /// <summary>Seeds as ranges: 1, 2, 3, 5 → "1–3, 5".</summary>
    public static string Seeds(IReadOnlyList<int> seeds)
    {
        var sorted = seeds.Distinct().Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j - i >= 2 ? string.Create(Invariant, $"{sorted[i]}–{sorted[j]}")
                : j == i ? sorted[i].ToString(Invariant)
                : string.Create(Invariant, $"{sorted[i]}, {sorted[j]}"));
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    /// <summary>The report's own numbers for a model, as experiments.yaml records them.</summary>
    public static string Reported(ReportedSpec? r)
    {
        if (r is null) return "–";
        var parts = new List<string>();
        if (r.Converged == false) parts.Add("not converged");
        if (r.ConvergedEpoch is { } e) parts.Add($"converged at epoch {Count(e)}");
        if (r.TrainLoss is { } l) parts.Add($"train loss {Number(l)}");
        if (r.TrainAccuracy is { } a) parts.Add($"train accuracy {Percent(a)}");
        if (r.TestLoss is { } tl) parts.Add($"test loss {Number(tl)}");
        if (r.TestAccuracy is { } ta) parts.Add($"test accuracy {Percent(ta)}");
        if (r.GradientNorm is { } g) parts.Add($"gradient norm {Number(g)}");
        return parts.Count == 0 ? "–" : string.Join(", ", parts);
    }

    /// <summary>A fraction as the report writes it, every digit it gave kept (0.98898 → 98.898%).</summary>
    static string Percent(double fraction) => (fraction * 100).ToString("0.####", Invariant) + "%";

    public static string Seconds(double seconds)
    {
        if (seconds < 59.95) return $"{Number(seconds, "0.0")} s";
        var s = (long)Math.Round(seconds);
        return s < 3600
            ? string.Create(Invariant, $"{s / 60} min {s % 60:00} s")
            : string.Create(Invariant, $"{s / 3600} h {s % 3600 / 60:00} min");
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{Number(bytes / (double)(1L << 30), "0.00")} GiB",
        >= 1L << 20 => $"{Number(bytes / (double)(1L << 20), "0")} MiB",
        _ => $"{Number(bytes / 1024.0, "0")} KiB",
    };

    /// <summary>A recorded UTC time, as written (never converted through the local time zone).</summary>
    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";

    /// <summary>A heading anchor from a section number: "1.1.1" → "s-1-1-1".</summary>
    public static string SectionAnchor(string section) => "s-" + section.Replace('.', '-');

    public static string ClaimAnchor(string id) => "claim-" + id;

    public static string FigureAnchor(int number) => string.Create(Invariant, $"fig-{number:00}");
}
