using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Research.Claims;

/// <summary>The statistics claims use, on MathNet.Numerics.</summary>
public static class Statistics
{
    /// <summary>One-sided sign test: P(at least <paramref name="successes"/> of <paramref name="trials"/> | p = ½).</summary>
    public static double SignTestP(int successes, int trials) =>
        trials == 0 ? 1 : 1 - Binomial.CDF(0.5, trials, successes - 1);

    /// <summary>Mean and the half-width of its two-sided t-interval.</summary>
    public static (double Mean, double HalfWidth) MeanCi(IReadOnlyList<double> values, double confidence)
    {
        var mean = values.Mean();
        if (values.Count < 2) return (mean, double.PositiveInfinity);
        var t = StudentT.InvCDF(0, 1, values.Count - 1, 1 - (1 - confidence) / 2);
        return (mean, t * values.StandardDeviation() / Math.Sqrt(values.Count));
    }

    /// <summary>Spearman's ρ and its one-sided p-value for the given direction (t approximation).</summary>
    public static (double Rho, double P) Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y, bool increasing)
    {
        var rho = Correlation.Spearman(x, y);
        int n = x.Count;
        if (n < 3 || double.IsNaN(rho)) return (rho, 1);
        var signed = increasing ? rho : -rho;
        if (signed >= 1) return (rho, 0);
        var t = signed * Math.Sqrt((n - 2) / (1 - signed * signed));
        return (rho, 1 - StudentT.CDF(0, 1, n - 2, t));
    }

    /// <summary>Mann–Kendall S and its one-sided p-value (normal approximation with continuity correction, no tie correction).</summary>
    public static (double S, double P) MannKendall(IReadOnlyList<double> y, bool increasing)
    {
        int n = y.Count;
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                s += Math.Sign(y[j] - y[i]);
        var variance = n * (n - 1) * (2 * n + 5) / 18.0;
        var signed = increasing ? s : -s;
        var z = signed > 0 ? (signed - 1) / Math.Sqrt(variance) : signed < 0 ? (signed + 1) / Math.Sqrt(variance) : 0;
        return (s, 1 - Normal.CDF(0, 1, z));
    }
}
