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

    /// <summary>Why experiments.yaml records this claim's verdict as decided by the CPU's kernels here; null when it does not.</summary>
    public string? VariesByCpu => Claim.Expectation(Variant).VariesByCpu;

    /// <summary>
    /// The verdict is not the recorded one, but experiments.yaml records that this claim's verdict flips between CPU
    /// kernels, and both are decided (holds or deviates): the other CPUs' verdict, as recorded, not a regression.
    /// </summary>
    public bool DecidedByCpu => VariesByCpu is not null && Verdict != Expected && Verdicts.BothDecided(Verdict, Expected);

    /// <summary>The verdict is the one experiments.yaml records, or its other decided verdict where it records that the CPU decides it.</summary>
    public bool AsExpected => Verdict == Expected || DecidedByCpu;

    public override string ToString() => $"§{Claim.Section} {Claim.Id}: {Message}";
}
