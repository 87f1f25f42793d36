using Research.Data;
using Research.Specs;
using Research.Training;
using static TorchSharp.torch;

namespace Research.Analysis;

/// <summary>Train and test loss and accuracy of θ(α) = (1−α)·θ_from + α·θ_to along one line, for one seed.</summary>
public sealed record InterpolationCurve(string From, string To, int Seed, double[] Alpha, double[] TrainLoss, double[] TestLoss, double[] TrainAccuracy, double[] TestAccuracy)
{
    double At(double alpha) => TrainLoss[Array.FindIndex(Alpha, a => Math.Abs(a - alpha) < 1e-9)];

    /// <summary>Rise of the training loss one sharpness step beyond the α = 0 end (the <see cref="From"/> model).</summary>
    public double FromSharpness(double step) => At(-step) - At(0);
    /// <summary>Rise of the training loss one sharpness step beyond the α = 1 end (the <see cref="To"/> model).</summary>
    public double ToSharpness(double step) => At(1 + step) - At(1);

    /// <summary>Highest training loss strictly between the two models, above the higher of the two ends (&gt; 0: a barrier).</summary>
    public double Barrier() => Enumerable.Range(0, Alpha.Length).Where(i => Alpha[i] > 1e-9 && Alpha[i] < 1 - 1e-9).Select(i => TrainLoss[i]).DefaultIfEmpty(double.NaN).Max() - Math.Max(At(0), At(1));

    /// <summary>
    /// The line's point-to-point noise between the models: the median, over the points with 0 ≤ α ≤ 1, of how far
    /// each point's training loss lies from the straight line through its two neighbours. A smooth bump of height h
    /// on the 31-point grid gives about 0.07·h; independent noise of spread σ about 0.8·σ.
    /// </summary>
    public double Roughness()
    {
        var residuals = new List<double>();
        for (int i = 1; i < Alpha.Length - 1; i++)
        {
            if (Alpha[i] < -1e-9 || Alpha[i] > 1 + 1e-9) continue;
            double t = (Alpha[i] - Alpha[i - 1]) / (Alpha[i + 1] - Alpha[i - 1]);
            residuals.Add(Math.Abs(TrainLoss[i] - (TrainLoss[i - 1] + t * (TrainLoss[i + 1] - TrainLoss[i - 1]))));
        }
        if (residuals.Count == 0) return double.NaN;
        residuals.Sort();
        int n = residuals.Count;
        return n % 2 == 1 ? residuals[n / 2] : (residuals[n / 2 - 1] + residuals[n / 2]) / 2;
    }

    /// <summary>
    /// <see cref="Barrier"/> in units of <see cref="Roughness"/>: how far the bump stands above the line's own noise.
    /// A line with no barrier (noise only) gives about 1 (a barrier that noise alone makes); a real bump, well above 3.
    /// </summary>
    public double BarrierToNoise()
    {
        double barrier = Barrier(), noise = Roughness();
        return noise > 0 ? barrier / noise : barrier > 0 ? double.PositiveInfinity : barrier < 0 ? double.NegativeInfinity : 0;
    }

    /// <summary>Lower of the training losses at the grid's two ends over the higher of the two models' losses.</summary>
    public double EdgeRise() => Math.Min(TrainLoss[0], TrainLoss[^1]) / Math.Max(At(0), At(1));

    /// <summary>Distance in α from the lowest training loss on the line to the nearer trained model (0 or 1).</summary>
    public double ArgminDistance()
    {
        var best = Alpha[Array.IndexOf(TrainLoss, TrainLoss.Min())];
        return Math.Min(Math.Abs(best), Math.Abs(best - 1));
    }
}

/// <summary>
/// §3.3.1: measure the models on the line through two trained models, as they are or after the pair's retraining.
/// The α grid is the spec's, plus α = 0 and 1 (the trained models themselves) and the two sharpness points just beyond them.
/// </summary>
public static class InterpolationAnalysis
{
    public static double[] Alphas(InterpolationSpec spec)
    {
        var grid = Enumerable.Range(0, spec.Count).Select(i => spec.From + (spec.To - spec.From) * i / (spec.Count - 1));
        return grid.Concat([0, 1, -spec.SharpnessStep, 1 + spec.SharpnessStep])
            .Select(a => Math.Round(a, 12)).Distinct().Order().ToArray();
    }

    public static InterpolationCurve Compute(
        ExperimentSpec e, DatasetSpec dataset, TrainingData data, ModelPairSpec pair, int seed, float[] from, float[] to, InterpolationSpec spec)
    {
        if (from.Length != to.Length) throw new ArgumentException($"{pair.From} and {pair.To} have different parameter counts; they cannot be interpolated");
        var alphas = Alphas(spec);
        var model = ModelWeights.Build(e.Models[pair.From], dataset, from);
        using var _ = model;
        int n = alphas.Length;
        double[] trainLoss = new double[n], testLoss = new double[n], trainAcc = new double[n], testAcc = new double[n];
        var theta = new float[from.Length];
        for (int i = 0; i < n; i++)
        {
            float a = (float)alphas[i], b = 1 - a;
            for (int j = 0; j < theta.Length; j++) theta[j] = b * from[j] + a * to[j];
            double? trA, teA;
            if (pair.Retrain is { } retrain)
                // The code's learning-rate pair reseeds before every α, its batch pair draws on: here each α its own order.
                (trainLoss[i], trA, testLoss[i], teA) = Retraining.Run(e, dataset, e.Models[pair.From], data, theta, retrain,
                    retrain.Reseed ? (ulong)seed : (ulong)seed * 1_000_003UL + (ulong)i + 1);
            else
            {
                ModelWeights.Load(model, theta);
                (trainLoss[i], trA) = Trainer.Evaluate(model, e.Loss, data.TrainX, data.TrainY);
                (testLoss[i], teA) = data.TestX is not null ? Trainer.Evaluate(model, e.Loss, data.TestX, data.TestY!) : (double.NaN, null);
            }
            trainAcc[i] = trA ?? double.NaN;
            testAcc[i] = teA ?? double.NaN;
        }
        return new InterpolationCurve(pair.From, pair.To, seed, alphas, trainLoss, testLoss, trainAcc, testAcc);
    }
}
