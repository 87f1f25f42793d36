using Research.Training;
using Research.Specs;
using static System.FormattableString;

namespace Research.Claims;

/// <summary>
/// Judges a claim over its runs. Each kind compares per seed, then the claim's rule decides across seeds.
/// A diverged run makes the verdict inconclusive, never a pass.
/// </summary>
public static class ClaimEvaluator
{
    public static ClaimResult Evaluate(ClaimInput input) => Judge(input) with { Profile = input.Experiment.Profile, Variant = input.Experiment.Variant };

    static ClaimResult Judge(ClaimInput input)
    {
        var c = input.Claim;
        if (input.Runs.Values.SelectMany(r => r).FirstOrDefault(r => r.Outcome == RunOutcome.Diverged) is { } bad)
            return new ClaimResult(c, Verdict.Inconclusive,
                Invariant($"{input.Label(bad.Model)} seed {bad.Seed} diverged (loss not finite) at epoch {bad.DivergedEpoch:N0}; the claim cannot be judged"),
                new Dictionary<string, double[]>(), bad.Seed);
        return c.Kind switch
        {
            ClaimKind.Range => RangeClaim.Evaluate(input),
            ClaimKind.Comparison => ComparisonClaim.Evaluate(input),
            ClaimKind.Ordering => OrderingClaim.Evaluate(input),
            ClaimKind.Trend => TrendClaim.Evaluate(input),
            ClaimKind.Shape => ShapeClaim.Evaluate(input),
            ClaimKind.Parameters => ParametersClaim.Evaluate(input),
            ClaimKind.Correlation => CorrelationClaim.Evaluate(input),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
    }

    /// <summary>Applies a fraction or sign-test rule to per-seed successes.</summary>
    internal static (bool Holds, string Rule) Decide(RuleSpec rule, int successes, int trials) => rule.Kind switch
    {
        RuleKind.Fraction => (trials > 0 && successes >= Math.Ceiling(rule.AtLeast * trials - 1e-9),
            Invariant($"expected in ≥ {Math.Ceiling(rule.AtLeast * trials - 1e-9):0} of {trials} seeds; held in {successes} of {trials}")),
        RuleKind.SignTest => (Statistics.SignTestP(successes, trials) <= rule.Alpha,
            Invariant($"held in {successes} of {trials} seeds; one-sided sign test {Format.P(Statistics.SignTestP(successes, trials))} (α = {rule.Alpha})")),
        _ => throw new InvalidOperationException($"rule {rule.Kind} does not apply to per-seed comparisons"),
    };

    internal static Verdict Of(bool holds) => holds ? Verdict.Holds : Verdict.Deviates;
}
