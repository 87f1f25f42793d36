using Research.Specs;

namespace Research.Claims;

/// <summary>Each listed model's metric is less (greater) than that of <c>than</c>, paired by seed.</summary>
internal static class ComparisonClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        var reference = input.Values(c.Than!);
        var values = c.Models.ToDictionary(m => m, input.Values);
        values[c.Than!] = reference;
        var parts = new List<string>();
        var holds = true;
        var factor = c.Factor ?? 1.0;
        var times = c.Factor is { } f ? $" than {Format.Bound(f)} ×" : "";
        var word = c.Relation switch
        {
            Relation.Within => $"within a factor of {Format.Bound(factor)} either way",
            Relation.Less => "less" + times,
            _ => "greater" + times,
        };
        foreach (var model in c.Models)
        {
            var v = values[model];
            int wins = v.Zip(reference).Count(p => c.Relation switch
            {
                Relation.Less => p.First < factor * p.Second,
                Relation.Greater => p.First > factor * p.Second,
                _ => p.First < factor * p.Second && p.Second < factor * p.First,
            });
            var (ok, detail) = ClaimEvaluator.Decide(c.Rule, wins, v.Length);
            holds &= ok;
            parts.Add($"{input.Label(model)} {Format.List(c.Metric!, v)} vs {input.Label(c.Than!)} {Format.List(c.Metric!, reference)}: {word} {detail}");
        }
        return new ClaimResult(c, ClaimEvaluator.Of(holds), $"{c.Metric}: {string.Join("; ", parts)}", values, reference.Length);
    }
}
