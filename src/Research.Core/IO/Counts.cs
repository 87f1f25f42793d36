using System.Globalization;

namespace Research.IO;

/// <summary>Counts in words for messages a person reads: "1 epoch", "3 models", "25,000 epochs", never "run(s)".</summary>
public static class Counts
{
    public static string Of(long n, string noun, string? plural = null) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? noun : plural ?? noun + "s")}";
}
