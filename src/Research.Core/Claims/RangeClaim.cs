namespace Research.Claims;

/// <summary>Each listed model's metric lies in [min, max]: per seed (fraction / sign test) or by mean ± CI.</summary>
internal static class RangeClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        double min = c.Min ?? double.NegativeInfinity, max = c.Max ?? double.PositiveInfinity;
        var values = c.Models.ToDictionary(m => m, input.Values);
        var parts = new List<string>();
        var holds = true;
        foreach (var (model, v) in values)
        {
            bool ok;
            string detail;
            if (c.Rule.Kind == RuleKind.MeanCi)
            {
                var (mean, half) = Statistics.MeanCi(v, c.Rule.Confidence);
                ok = mean - half >= min && mean + half <= max;
                detail = $"mean {Format.Value(c.Metric!, mean)} ± {Format.Value(c.Metric!, half)} ({c.Rule.Confidence:P0} CI, n = {v.Length})";
            }
            else
            {
                (ok, detail) = ClaimEvaluator.Decide(c.Rule, v.Count(x => x >= min && x <= max), v.Length);
            }
            holds &= ok;
            parts.Add($"{input.Label(model)} {Format.List(c.Metric!, v)}: {detail}");
        }
        var range = $"{c.Metric} in [{Format.Bound(min)}, {Format.Bound(max)}]";
        return new ClaimResult(c, ClaimEvaluator.Of(holds), $"{range}; {string.Join("; ", parts)}", values, values.Values.First().Length);
    }
}
