using Research.Specs;

namespace Research.Claims;

/// <summary>
/// A claim judged over seeds: the verdict, a message that reads like the report, and the measured values
/// (model → one value per seed) for the reproduction report and the baselines.
/// </summary>
public sealed record ClaimResult(
    ClaimSpec Claim, Verdict Verdict, string Message, IReadOnlyDictionary<string, double[]> Values, int Seeds)
{
    /// <summary>The test statistic of a trend or correlation claim, as the summary prints it (e.g. "Spearman ρ = 0.96, one-sided p &lt; 0.0001 over 15 runs").</summary>
    public string? Statistic { get; init; }

    /// <summary>The profile whose runs were judged.</summary>
    public Specs.Profile Profile { get; init; }

    /// <summary>The variant whose runs were judged.</summary>
    public Specs.Variant Variant { get; init; }

    /// <summary>The verdict experiments.yaml records for this profile and variant; null while pending.</summary>
    public Verdict? Expected => Claim.Expected(Profile, Variant);

    public bool AsExpected => Verdict == Expected;

    public override string ToString() => $"§{Claim.Section} {Claim.Id}: {Message}";
}
