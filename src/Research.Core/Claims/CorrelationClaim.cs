using System.Globalization;
using Research.Specs;
using Research.Measures;
using static System.FormattableString;

namespace Research.Claims;

/// <summary>
/// Across every run of the listed models, the metric rises (or falls) with another, by Spearman's ρ.
/// Fewer than <see cref="MinimumRuns"/> runs cannot show a rank correlation of any useful size: inconclusive.
/// </summary>
internal static class CorrelationClaim
{
    public const int MinimumRuns = 8;

    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        var runs = c.Models.SelectMany(m => input.Runs[m]).ToList();
        var x = runs.Select(r => Measure.Get(c.Versus!).Of(r, input.Target)).ToList();
        var y = runs.Select(r => Measure.Get(c.Metric!).Of(r, input.Target)).ToList();
        var increasing = c.Direction == TrendDirection.Increasing;
        var (rho, p) = Statistics.Spearman(x, y, increasing);
        var verdict = runs.Count < MinimumRuns ? Verdict.Inconclusive : ClaimEvaluator.Of(p <= c.Rule.Alpha);
        var values = new Dictionary<string, double[]> { [c.Versus!] = [.. x], [c.Metric!] = [.. y] };
        var test = $"Spearman ρ = {rho.ToString("0.###", CultureInfo.InvariantCulture)}, one-sided {Format.P(p)}";
        return new ClaimResult(c, verdict,
            (verdict == Verdict.Inconclusive ? Invariant($"only {runs.Count} runs (a rank correlation needs ≥ {MinimumRuns}); ") : "") +
            Invariant($"{c.Metric} expected to {(increasing ? "rise" : "fall")} with {c.Versus} over {runs.Count} runs: {test} (α = {c.Rule.Alpha})"),
            values, runs.Count)
        {
            Statistic = runs.Count >= 2 ? Invariant($"{test} over {runs.Count} runs") : null,
        };
    }
}
