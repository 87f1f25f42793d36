using System.Globalization;
using Research.Specs;
using static System.FormattableString;
using Research.Measures;

namespace Research.Claims;

/// <summary>The metric rises or falls along the sweep (models in listed order), by Spearman or Mann–Kendall.</summary>
internal static class TrendClaim
{
    public static ClaimResult Evaluate(ClaimInput input)
    {
        var c = input.Claim;
        var increasing = c.Direction == TrendDirection.Increasing;
        var values = c.Models.ToDictionary(m => m, input.Values);
        double statistic, p;
        string name;
        int points;
        if (c.Rule.Kind == RuleKind.MannKendall)
        {
            var means = c.Models.Select(m => values[m].Average()).ToList();
            (statistic, p) = Statistics.MannKendall(means, increasing);
            name = "Mann–Kendall S";
            points = 0;
        }
        else if (c.Rule.Kind == RuleKind.Spearman)
        {
            var x = c.Models.SelectMany((m, i) => values[m].Select(_ => (double)i)).ToList();
            var y = c.Models.SelectMany(m => values[m]).ToList();
            (statistic, p) = Statistics.Spearman(x, y, increasing);
            name = "Spearman ρ";
            points = x.Count;
        }
        else throw new InvalidOperationException($"trend claims take rule spearman or mann_kendall, not {c.Rule.Kind}");
        var holds = p <= c.Rule.Alpha;
        var listing = string.Join(", ", c.Models.Select(m => $"{input.Label(m)} {Measure.Format(c.Metric!, values[m].Average())}"));
        var test = $"{name} = {statistic.ToString("0.###", CultureInfo.InvariantCulture)}, one-sided {Format.P(p)}";
        return new ClaimResult(c, ClaimEvaluator.Of(holds),
            Invariant($"{c.Metric} expected {(increasing ? "increasing" : "decreasing")} along the sweep; means {listing}; {test} (α = {c.Rule.Alpha})"),
            values, values.Values.Min(v => v.Length))
        {
            Statistic = points == 0 ? test : points >= 2 ? Invariant($"{test} over {points} runs") : null,
        };
    }
}
