using Research.Specs;
using Research.Measures;
using static System.FormattableString;

namespace Research.Claims;

/// <summary>
/// Each listed model's metric lies in [min, max]: per seed (fraction / sign test), or by mean ± CI — which
/// holds when the whole interval is inside, deviates when it lies wholly outside, and is inconclusive when
/// it straddles a bound (too few seeds to tell).
/// </summary>
internal static class RangeClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        double min = c.Min ?? double.NegativeInfinity, max = c.Max ?? double.PositiveInfinity;
        var values = c.Models.ToDictionary(m => m, input.Values);
        if (Measure.Get(c.Metric!).Scope == MeasureScope.Experiment)
        {
            // One value for the whole experiment (all runs together): no seeds to count.
            var value = values.Values.First()[0];
            var inside = value >= min && value <= max;
            return new ClaimResult(c, ClaimEvaluator.Of(inside),
                $"{c.Metric} = {Measure.Format(c.Metric!, value)}, one value over all runs of the experiment; expected {Format.Range(min, max)}",
                values, input.Experiment.Seeds.Count);
        }
        var parts = new List<string>();
        var verdicts = new List<Verdict>();
        foreach (var (model, v) in values)
        {
            Verdict verdict;
            string detail;
            if (c.Rule.Kind == RuleKind.MeanCi)
            {
                var (mean, half) = Statistics.MeanCi(v, c.Rule.Confidence);
                double low = mean - half, high = mean + half;
                verdict = low >= min && high <= max ? Verdict.Holds
                    : high < min || low > max ? Verdict.Deviates
                    : Verdict.Inconclusive;
                detail = Invariant($"mean {Measure.Format(c.Metric!, mean)} ± {Measure.Format(c.Metric!, half)} ({c.Rule.Confidence:P0} CI, n = {v.Length})") +
                         (verdict == Verdict.Inconclusive ? ": the interval straddles a bound" : "");
            }
            else
            {
                (var ok, detail) = ClaimEvaluator.Decide(c.Rule, v.Count(x => x >= min && x <= max), v.Length);
                verdict = ClaimEvaluator.Of(ok);
            }
            verdicts.Add(verdict);
            parts.Add($"{input.Label(model)} {Format.List(c.Metric!, v)}: {detail}");
        }
        var overall = verdicts.Contains(Verdict.Deviates) ? Verdict.Deviates : verdicts.Contains(Verdict.Inconclusive) ? Verdict.Inconclusive : Verdict.Holds;
        var range = $"{c.Metric} {Format.Range(min, max)}";
        return new ClaimResult(c, overall, $"{range}; {string.Join("; ", parts)}", values, values.Values.First().Length);
    }
}
