using System.Globalization;

namespace Research.Plotting;

/// <summary>
/// The texts of the figures' tick labels, always in the invariant culture. ScottPlot's default formatter
/// writes in the current culture (0,5 and 1.000 under German), so the same figure drew different pixels on
/// another machine and failed its baseline there; every axis of <see cref="FigureRenderer"/> uses these instead.
/// </summary>
public static class TickLabels
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A linear axis's label: ScottPlot 5.1.59's default, <c>ScottPlot.TickGenerators.LabelFormatters.Numeric</c>,
    /// with the culture made explicit and nothing else changed, so that figures drawn under the invariant culture
    /// keep their bytes. Whole or large (|v| &gt; 1000) values with group separators and no decimals, others in
    /// the shortest round-trip form of v rounded to 10 decimals; "-0" becomes "0".
    /// </summary>
    public static string Linear(double value)
    {
        bool isRoundNumber = (int)value == value;
        bool isLargeNumber = Math.Abs(value) > 1000;
        if (isRoundNumber || isLargeNumber)
            return value.ToString("N0", Invariant);

        string label = Math.Round(value, 10).ToString("G", Invariant);
        return label == "-0" ? "0" : label;
    }

    /// <summary>The label at position <paramref name="v"/> of a log axis, 10^v as a reader writes it: 100,000 rather than 1E+05, 0.001 rather than 1E-03.</summary>
    public static string Log(double v)
    {
        var x = Math.Pow(10, v);
        return x >= 1000 && x < 1e12
            ? double.Parse(x.ToString("G3", Invariant), Invariant).ToString("N0", Invariant) // three significant digits, with separators
            : x.ToString("G3", Invariant);
    }
}
