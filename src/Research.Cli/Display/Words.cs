namespace Research.Cli.Display;

/// <summary>Counts in words: "1 epoch", "3 models", "25,000 epochs".</summary>
internal static class Words
{
    public static string Count(long n, string noun, string? plural = null) => Research.IO.Counts.Of(n, noun, plural);

    /// <summary>A profile as the command line spells it: ci, full.</summary>
    public static string Profile(Research.Specs.Profile p) => p.ToString().ToLowerInvariant();
}
