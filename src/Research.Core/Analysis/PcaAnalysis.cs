using Research.Torch;
using MathNet.Numerics.LinearAlgebra;
using Research.Specs;
using static TorchSharp.torch;

namespace Research.Analysis;

/// <summary>One PCA projection: the share of variance each component explains and every run's trajectory in component space.</summary>
public sealed record PcaProjection(double[] ExplainedVariance, IReadOnlyList<double[][]> Trajectories)
{
    public double ExplainedTotal => ExplainedVariance.Sum();

    /// <summary>The same projection restricted to its first <paramref name="components"/> components.</summary>
    public PcaProjection Leading(int components) => components == ExplainedVariance.Length ? this : new(
        ExplainedVariance[..components], Trajectories.Select(t => t.Select(p => p[..components]).ToArray()).ToList());
}

/// <summary>§2.1's PCA: whole model and one layer, fitted jointly to all runs and snapshots, and the numbers read off the pictures.</summary>
public sealed record PcaResult(PcaProjection Whole, PcaProjection Layer)
{
    /// <summary>R² of the best linear map from the whole-model coordinates to the layer coordinates (1: the same picture up to rotation and scale).</summary>
    public double LayerAgreement { get; init; }
    /// <summary>
    /// As <see cref="LayerAgreement"/> but over as many components as there are runs: when the runs move in
    /// nearly orthogonal directions the top eigenvalues are almost equal, and two PCAs may pick different
    /// pairs of them for their pictures while spanning the same space.
    /// </summary>
    public double LayerSubspaceAgreement { get; init; }
    public int SubspaceComponents { get; init; }
    /// <summary>Closest pair of starting points (whole model, component space) over the mean start-to-end distance.</summary>
    public double StartSeparation { get; init; }
    /// <summary>Mean pairwise cosine of the runs' start-to-end displacements in component space (1: all leave the same way; 0: unrelated).</summary>
    public double DirectionCosine { get; init; }
}

/// <summary>
/// PCA through the Gram matrix: with n snapshots of d weights (n ≪ d), the eigenvectors of the n × n
/// matrix X·Xᵀ of the centred snapshots give the principal coordinates (U·√λ) without ever forming the
/// d × d covariance. Accumulated over column blocks in float64, so memory stays at one block.
/// </summary>
public static class PcaAnalysis
{
    const int Block = 32_768;

    /// <param name="runs">Per run, its weight snapshots in epoch order.</param>
    /// <param name="spec">Components and the layer slice.</param>
    public static PcaResult Compute(IReadOnlyList<IReadOnlyList<float[]>> runs, PcaSpec spec)
    {
        var snapshots = runs.SelectMany(r => r).ToList();
        int n = snapshots.Count, d = snapshots[0].Length;
        if (snapshots.Any(s => s.Length != d)) throw new ArgumentException("weight snapshots differ in length");
        if (spec.LayerParameters > d) throw new ArgumentException($"layer_parameters {spec.LayerParameters:N0} exceeds the model's {d:N0}");

        using var scope = NewDisposeScope();
        var layerGram = Gram(snapshots, 0, spec.LayerParameters);
        var wholeGram = layerGram.add(Gram(snapshots, spec.LayerParameters, d), OwnedScalars.One);
        var lengths = runs.Select(r => r.Count).ToArray();
        var k = Math.Min(Math.Max(runs.Count, spec.Components), n - 1);
        // One eigendecomposition per Gram matrix; the pictures' components are the leading ones of it.
        var wholeAll = Project(wholeGram, Math.Max(k, spec.Components), lengths);
        var layerAll = Project(layerGram, Math.Max(k, spec.Components), lengths);
        var (whole, layer) = (wholeAll.Leading(spec.Components), layerAll.Leading(spec.Components));
        return new PcaResult(whole, layer)
        {
            LayerAgreement = Agreement(whole, layer),
            LayerSubspaceAgreement = Agreement(wholeAll.Leading(k), layerAll.Leading(k)),
            SubspaceComponents = k,
            StartSeparation = StartSeparation(whole),
            DirectionCosine = DirectionCosine(whole),
        };
    }

    static Tensor Gram(List<float[]> snapshots, int from, int to)
    {
        int n = snapshots.Count;
        var gram = zeros(n, n, dtype: float64);
        for (int start = from; start < to; start += Block)
        {
            int width = Math.Min(Block, to - start);
            var block = new float[n * width];
            for (int i = 0; i < n; i++) Array.Copy(snapshots[i], start, block, i * width, width);
            using var blockScope = NewDisposeScope(); // one block's tensors at a time, freed here, not by finalizers
            var x = tensor(block, [n, width]).to_type(float64);
            var centred = x - x.mean([0], keepdim: true);
            gram.add_(centred.mm(centred.t()), OwnedScalars.One);
        }
        return gram;
    }

    static PcaProjection Project(Tensor gram, int components, int[] lengths)
    {
        var (values, vectors) = linalg.eigh(gram); // ascending
        int n = (int)values.shape[0];
        var lambda = values.data<double>().ToArray();
        var u = vectors.data<double>().ToArray(); // row-major n × n: u[row * n + column]
        double trace = lambda.Where(v => v > 0).Sum();
        var explained = new double[components];
        var coordinates = new double[n][];
        for (int i = 0; i < n; i++) coordinates[i] = new double[components];
        for (int k = 0; k < components; k++)
        {
            int column = n - 1 - k;
            double l = Math.Max(0, lambda[column]);
            explained[k] = trace > 0 ? l / trace : 0;
            // Sign convention: the entry of largest magnitude is positive, so the picture never flips between runs of the code.
            int biggest = Enumerable.Range(0, n).MaxBy(i => Math.Abs(u[i * n + column]));
            double sign = u[biggest * n + column] >= 0 ? 1 : -1;
            for (int i = 0; i < n; i++) coordinates[i][k] = sign * u[i * n + column] * Math.Sqrt(l);
        }
        var trajectories = new List<double[][]>();
        int at = 0;
        foreach (var length in lengths)
        {
            trajectories.Add(coordinates[at..(at + length)]);
            at += length;
        }
        return new PcaProjection(explained, trajectories);
    }

    static double Agreement(PcaProjection whole, PcaProjection layer)
    {
        var x = Matrix<double>.Build.DenseOfRows(whole.Trajectories.SelectMany(t => t));
        var y = Matrix<double>.Build.DenseOfRows(layer.Trajectories.SelectMany(t => t));
        var fit = x * x.Solve(y);
        var residual = (y - fit).FrobeniusNorm();
        var centred = y - Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount, (_, j) => y.Column(j).Average());
        var total = centred.FrobeniusNorm();
        return total > 0 ? 1 - residual * residual / (total * total) : 1;
    }

    static double StartSeparation(PcaProjection p)
    {
        var starts = p.Trajectories.Select(t => t[0]).ToList();
        var travel = p.Trajectories.Average(t => Distance(t[0], t[^1]));
        var closest = double.PositiveInfinity;
        for (int i = 0; i < starts.Count; i++)
            for (int j = i + 1; j < starts.Count; j++)
                closest = Math.Min(closest, Distance(starts[i], starts[j]));
        return travel > 0 ? closest / travel : double.PositiveInfinity;
    }

    static double DirectionCosine(PcaProjection p)
    {
        var moves = p.Trajectories.Select(t => t[^1].Zip(t[0], (a, b) => a - b).ToArray()).ToList();
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < moves.Count; i++)
            for (int j = i + 1; j < moves.Count; j++, pairs++)
                sum += Dot(moves[i], moves[j]) / Math.Sqrt(Dot(moves[i], moves[i]) * Dot(moves[j], moves[j]));
        return pairs > 0 ? sum / pairs : double.NaN;
    }

    static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
    static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
