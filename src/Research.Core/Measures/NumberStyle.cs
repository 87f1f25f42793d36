using System.Globalization;

namespace Research.Measures;

/// <summary>How a measure's numbers read: counts with separators, percentages, yes/no, or significant digits.</summary>
public enum NumberStyle
{
    /// <summary>Four significant digits (0.01234, 1.5E-05).</summary>
    General,
    /// <summary>A whole count with separators (2,186 epochs, 25,550 parameters).</summary>
    Count,
    /// <summary>A fraction shown in percent (0.9866 → 98.66%).</summary>
    Percent,
    /// <summary>1 or 0 as yes or no.</summary>
    YesNo,
    /// <summary>An R² near 1, where four significant digits would print 1 (0.99994).</summary>
    NearOne,
}

/// <summary>Writes a number in a <see cref="NumberStyle"/>, in the invariant culture, ∞ as "never".</summary>
public static class NumberStyles
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(this NumberStyle style, double v) =>
        double.IsPositiveInfinity(v) ? "never" : style switch
        {
            NumberStyle.Count => v.ToString("N0", Invariant),
            NumberStyle.YesNo => v == 1 ? "yes" : "no",
            NumberStyle.Percent => (v * 100).ToString("0.##", Invariant) + "%",
            NumberStyle.NearOne => v.ToString("0.#####", Invariant),
            _ => v.ToString("G4", Invariant),
        };
}
