using System.Globalization;
using Research.Measures;

namespace Research.Claims;

/// <summary>Numbers as a researcher reads them in messages: each measure in its own style (see <see cref="Measure"/>), ∞ as "never".</summary>
public static class Format
{
    /// <summary>A range bound: plain number, ∞ for unbounded.</summary>
    public static string Bound(double v) =>
        double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "-∞" : v.ToString("G4", CultureInfo.InvariantCulture);

    public static string List(string metric, IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => Measure.Format(metric, v))) + "]";

    /// <summary>A one-sided p-value as a reader wants it: "p &lt; 0.0001" rather than "p = 0", "p &gt; 0.9999" (the opposite direction) rather than "p = 1".</summary>
    public static string P(double p) =>
        p < 0.0001 ? "p < 0.0001" : p > 0.9999 ? "p > 0.9999" : "p = " + p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A range as a condition: "≥ 0.9", "≤ 0.15", or "in [a, b]" when both ends are bounded.</summary>
    public static string Range(double min, double max) =>
        double.IsNegativeInfinity(min) ? $"≤ {Bound(max)}" : double.IsPositiveInfinity(max) ? $"≥ {Bound(min)}" : $"in [{Bound(min)}, {Bound(max)}]";
}
