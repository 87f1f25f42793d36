using System.Globalization;

namespace Research.Tests.Support;

/// <summary>Runs code under a culture other than the machine's, to show that what it writes does not depend on it.</summary>
internal static class Cultures
{
    /// <summary>
    /// Numbers as German writes them (1.234,5, built from the invariant culture so that it exists on every
    /// machine), and then some: a typographic minus, other words for ∞ and NaN.
    /// </summary>
    public static CultureInfo Hostile()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var n = culture.NumberFormat;
        n.NumberDecimalSeparator = n.PercentDecimalSeparator = n.CurrencyDecimalSeparator = ",";
        n.NumberGroupSeparator = n.PercentGroupSeparator = n.CurrencyGroupSeparator = ".";
        n.NegativeSign = "−";
        n.PositiveInfinitySymbol = "unendlich";
        n.NegativeInfinitySymbol = "−unendlich";
        n.NaNSymbol = "keine Zahl";
        return culture;
    }

    /// <summary>Runs <paramref name="action"/> with <paramref name="culture"/> as the current (UI) culture of this flow, then restores it.</summary>
    public static T In<T>(CultureInfo culture, Func<T> action)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, ui);
        }
    }
}
