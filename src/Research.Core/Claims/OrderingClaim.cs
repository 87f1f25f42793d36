using Research.Specs;

namespace Research.Claims;

/// <summary>m1 &lt; m2 &lt; … (or &gt;) on the metric, seed by seed.</summary>
internal static class OrderingClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        var values = c.Models.ToDictionary(m => m, input.Values);
        int seeds = values.Values.Min(v => v.Length), ordered = 0;
        for (int s = 0; s < seeds; s++)
        {
            var chain = c.Models.Select(m => values[m][s]).ToList();
            if (chain.Zip(chain.Skip(1)).All(p => c.Relation == Relation.Less ? p.First < p.Second : p.First > p.Second)) ordered++;
        }
        var (holds, detail) = ClaimEvaluator.Decide(c.Rule, ordered, seeds);
        var sign = c.Relation == Relation.Less ? " < " : " > ";
        var listing = string.Join("; ", c.Models.Select(m => $"{input.Label(m)} {Format.List(c.Metric!, values[m])}"));
        return new ClaimResult(c, ClaimEvaluator.Of(holds),
            $"{c.Metric}: expected {string.Join(sign, c.Models.Select(input.Label))}; {listing}; {detail}", values, seeds);
    }
}
