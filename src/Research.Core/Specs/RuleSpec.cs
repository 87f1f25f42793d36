using Research.Specs;
using static System.FormattableString;

namespace Research.Specs;

/// <summary>The decision rule of a claim over seeds; written next to the claim with its reason.</summary>
public sealed record RuleSpec
{
    public required RuleKind Kind { get; init; }
    /// <summary>Fraction of seeds (or seed pairs) that must satisfy the claim (rule fraction).</summary>
    [SpecRange(Min = 0, Max = 1)] public double AtLeast { get; init; } = 1.0;
    /// <summary>Significance level (sign_test, spearman, mann_kendall).</summary>
    [SpecRange(Min = 0, Max = 0.5, MinExclusive = true)] public double Alpha { get; init; } = 0.05;
    /// <summary>Confidence of the t-interval (mean_ci).</summary>
    [SpecRange(Min = 0.5, Max = 1)] public double Confidence { get; init; } = 0.95;

    public override string ToString() => Kind switch
    {
        RuleKind.Fraction => Invariant($"holds in ≥ {AtLeast:P0} of seeds"),
        RuleKind.SignTest => Invariant($"one-sided sign test over seeds, α = {Alpha}"),
        RuleKind.MeanCi => Invariant($"mean ± {Confidence:P0} t-interval inside the range"),
        RuleKind.Spearman => Invariant($"Spearman rank correlation, one-sided α = {Alpha}"),
        RuleKind.MannKendall => Invariant($"Mann–Kendall trend test on per-model means, one-sided α = {Alpha}"),
        _ => Kind.ToString(),
    };
}
