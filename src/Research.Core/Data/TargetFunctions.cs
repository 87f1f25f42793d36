using Research.Specs;

namespace Research.Data;

/// <summary>The report's target functions, sampled on an even grid (both ends included), in double precision.</summary>
public static class TargetFunctions
{
    public static double Evaluate(TargetFunction f, double x) => f switch
    {
        TargetFunction.Sinc => x == 0 ? 1.0 : Math.Sin(5 * Math.PI * x) / (5 * Math.PI * x),
        TargetFunction.SignSine => Math.Sign(Math.Sin(5 * Math.PI * x)),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static (double[] X, double[] Y) Sample(TargetFunction f, double low, double high, int points)
    {
        var x = new double[points];
        var y = new double[points];
        for (int i = 0; i < points; i++)
        {
            x[i] = low + (high - low) * i / (points - 1);
            y[i] = Evaluate(f, x[i]);
        }
        return (x, y);
    }

    public static string Formula(TargetFunction f) => f switch
    {
        TargetFunction.Sinc => "sin(5πx)/(5πx)",
        TargetFunction.SignSine => "sgn(sin(5πx))",
        _ => f.ToString(),
    };
}
