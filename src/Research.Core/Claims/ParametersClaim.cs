using static System.FormattableString;

namespace Research.Claims;

/// <summary>Each listed model, as built from the spec's layers (of the variant judged), has the parameter count the report states (the claim's <c>counts</c>).</summary>
internal static class ParametersClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        var values = new Dictionary<string, double[]>();
        var parts = new List<string>();
        var holds = true;
        foreach (var (model, stated) in c.Models.Zip(c.Counts ?? []))
        {
            var built = input.Runs[model][0].Parameters;
            values[model] = [built];
            holds &= built == stated;
            parts.Add(Invariant($"{input.Label(model)} {built:N0} (report: {stated:N0})"));
        }
        return new ClaimResult(c, ClaimEvaluator.Of(holds), $"parameters: {string.Join(", ", parts)}", values, 1);
    }
}
