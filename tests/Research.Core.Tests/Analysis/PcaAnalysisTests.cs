using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;
using Research.Analysis;
using Research.Specs;

namespace Research.Tests.Analysis;

/// <summary>
/// PCA of weight trajectories through the Gram matrix: against geometry known by construction (points in a
/// 2-D plane), against a direct SVD of the centred snapshots, and the three numbers read off the pictures.
/// </summary>
public class PcaAnalysisTests
{
    /// <summary>Orthonormal u, v in ℝ^d (Gram–Schmidt on two Gaussian vectors) and a random centre c.</summary>
    static (double[] C, double[] U, double[] V) Plane(int d, int seed, double centreScale = 0.1)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var c = new double[d];
        var u = new double[d];
        var v = new double[d];
        for (int j = 0; j < d; j++) (c[j], u[j], v[j]) = (centreScale * Gauss(), Gauss(), Gauss());
        Normalise(u);
        var uv = Dot(u, v);
        for (int j = 0; j < d; j++) v[j] -= uv * u[j];
        Normalise(v);
        return (c, u, v);
    }

    static void Normalise(double[] x)
    {
        var norm = Math.Sqrt(Dot(x, x));
        for (int j = 0; j < x.Length; j++) x[j] /= norm;
    }

    static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) s += a[j] * b[j];
        return s;
    }

    /// <summary>c + a·u + b·v as a float snapshot.</summary>
    static float[] At((double[] C, double[] U, double[] V) plane, double a, double b) =>
        Enumerable.Range(0, plane.C.Length).Select(j => (float)(plane.C[j] + a * plane.U[j] + b * plane.V[j])).ToArray();

    /// <summary>Runs whose snapshots sit at the given plane coordinates.</summary>
    static List<IReadOnlyList<float[]>> Runs((double[] C, double[] U, double[] V) plane, params (double A, double B)[][] runs) =>
        runs.Select(r => (IReadOnlyList<float[]>)r.Select(p => At(plane, p.A, p.B)).ToList()).ToList();

    static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    [Fact]
    public void PointsInAPlaneAreProjectedIsometricallyAcrossSeveralColumnBlocks()
    {
        const int d = 70_000; // > 2 × 32,768: three column blocks
        var plane = Plane(d, seed: 1);
        var rng = new Random(2);
        var coordinates = Enumerable.Range(0, 2).Select(_ =>
            Enumerable.Range(0, 5).Select(_ => (A: 6 * rng.NextDouble() - 3, B: 4 * rng.NextDouble() - 2)).ToArray()).ToArray();
        var result = PcaAnalysis.Compute(Runs(plane, coordinates), new PcaSpec { Components = 2, LayerParameters = 40_000 });

        result.Whole.ExplainedTotal.Should().BeApproximately(1, 1e-6, "every snapshot lies in a 2-D plane");
        result.Whole.ExplainedVariance[0].Should().BeGreaterThanOrEqualTo(result.Whole.ExplainedVariance[1]);
        result.Whole.Trajectories.Select(t => t.Length).Should().Equal(5, 5);

        var truth = coordinates.SelectMany(r => r).Select(p => new[] { p.A, p.B }).ToArray();
        var projected = result.Whole.Trajectories.SelectMany(t => t).ToArray();
        for (int i = 0; i < truth.Length; i++)
            for (int j = i + 1; j < truth.Length; j++)
            {
                var expected = Distance(truth[i], truth[j]);
                Distance(projected[i], projected[j]).Should().BeApproximately(expected, 1e-4 * expected, $"distance between snapshots {i} and {j}");
            }
        // The layer slice of a plane is a (non-orthonormal) image of the same plane: also 2-D.
        result.Layer.ExplainedTotal.Should().BeApproximately(1, 1e-6);
        result.LayerAgreement.Should().BeApproximately(1, 1e-6);
    }

    [Fact]
    public void MatchesADirectSvdOfTheCentredSnapshots()
    {
        const int d = 50, layer = 20, components = 3;
        var rng = new Random(3);
        var runs = Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<float[]>)Enumerable.Range(0, 4)
            .Select(_ => Enumerable.Range(0, d).Select(_ => (float)(2 * rng.NextDouble() - 1)).ToArray()).ToList()).ToList();
        var result = PcaAnalysis.Compute(runs, new PcaSpec { Components = components, LayerParameters = layer });

        var all = runs.SelectMany(r => r).ToList();
        Check(result.Whole, all.Select(s => s.Select(v => (double)v).ToArray()).ToList(), "whole");
        Check(result.Layer, all.Select(s => s.Take(layer).Select(v => (double)v).ToArray()).ToList(), "layer");

        void Check(PcaProjection p, List<double[]> rows, string part)
        {
            var x = Matrix<double>.Build.DenseOfRowArrays(rows);
            var means = x.ColumnSums() / x.RowCount;
            var centred = x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => means[j]);
            var svd = centred.Svd(computeVectors: true);
            var total = svd.S.PointwisePower(2).Sum();
            var ours = p.Trajectories.SelectMany(t => t).ToArray();
            ours.Should().HaveCount(12);
            for (int k = 0; k < components; k++)
            {
                p.ExplainedVariance[k].Should().BeApproximately(svd.S[k] * svd.S[k] / total, 1e-9, $"{part} component {k + 1}'s share");
                var reference = svd.U.Column(k) * svd.S[k];
                var sign = Math.Sign(Enumerable.Range(0, 12).Sum(i => ours[i][k] * reference[i]));
                for (int i = 0; i < 12; i++)
                    ours[i][k].Should().BeApproximately(sign * reference[i], 1e-8, $"{part} component {k + 1}, snapshot {i}");
            }
        }
    }

    [Fact]
    public void LayerAgreementIsOneForTheSamePictureAndLowForAnUnrelatedLayer()
    {
        const int d = 300, layer = 100;
        var rng = new Random(4);
        var path = Enumerable.Range(0, 3).Select(r =>
            Enumerable.Range(0, 10).Select(t => (A: r + 0.5 * t + 0.2 * rng.NextDouble(), B: r * r - 0.3 * t + 0.2 * rng.NextDouble())).ToArray()).ToArray();

        // The structure lives in the layer only; the rest of the parameters never moves.
        var inLayer = Plane(layer, seed: 5);
        var rest = Enumerable.Range(0, d - layer).Select(j => (float)Math.Sin(j)).ToArray();
        var layerOnly = path.Select(r => (IReadOnlyList<float[]>)r.Select(p => At(inLayer, p.A, p.B).Concat(rest).ToArray()).ToList()).ToList();
        var same = PcaAnalysis.Compute(layerOnly, new PcaSpec { LayerParameters = layer });
        same.LayerAgreement.Should().BeApproximately(1, 1e-9);
        same.Layer.ExplainedVariance.Should().Equal(same.Whole.ExplainedVariance, (a, b) => Math.Abs(a - b) < 1e-9);

        // The layer is independent noise; the structure (much larger) is in the rest.
        var inRest = Plane(d - layer, seed: 6);
        var noisy = path.Select(r => (IReadOnlyList<float[]>)r.Select(p =>
            Enumerable.Range(0, layer).Select(_ => (float)(0.01 * (2 * rng.NextDouble() - 1)))
                .Concat(At(inRest, 10 * p.A, 10 * p.B)).ToArray()).ToList()).ToList();
        var unrelated = PcaAnalysis.Compute(noisy, new PcaSpec { LayerParameters = layer });
        unrelated.Whole.ExplainedTotal.Should().BeGreaterThan(0.999);
        unrelated.Layer.ExplainedTotal.Should().BeLessThan(0.5, "noise spreads over all directions");
        unrelated.LayerAgreement.Should().BeLessThan(0.5, "two random directions of 30 snapshots are nearly unrelated to the path's plane");
    }

    [Fact]
    public void DirectionCosineAndStartSeparationReadTheComponentSpace()
    {
        var plane = Plane(40, seed: 7);
        // Three runs leave their starts (0,0), (3,0), (0,4) the same way, each travelling 2.
        var parallel = PcaAnalysis.Compute(Runs(plane,
            [(0, 0), (0, 1), (0, 2)], [(3, 0), (3, 1), (3, 2)], [(0, 4), (0, 5), (0, 6)]), new PcaSpec { LayerParameters = 10 });
        parallel.DirectionCosine.Should().BeApproximately(1, 1e-6);
        parallel.StartSeparation.Should().BeApproximately(3.0 / 2.0, 1e-5, "closest starts are 3 apart (of 3, 4, 5); mean travel is 2");

        // Two runs moving by (2, 1) and (−2, −1).
        var opposite = PcaAnalysis.Compute(Runs(plane, [(0, 0), (2, 1)], [(0, 3), (-2, 2)]), new PcaSpec { LayerParameters = 10 });
        opposite.DirectionCosine.Should().BeApproximately(-1, 1e-6);
        opposite.StartSeparation.Should().BeApproximately(3 / Math.Sqrt(5), 1e-5);

        // Perpendicular moves: cosine 0.
        var perpendicular = PcaAnalysis.Compute(Runs(plane, [(0, 0), (1, 0)], [(5, 5), (5, 6)]), new PcaSpec { LayerParameters = 10 });
        perpendicular.DirectionCosine.Should().BeApproximately(0, 1e-6);
        perpendicular.StartSeparation.Should().BeApproximately(Math.Sqrt(50), 1e-4);
    }

    [Fact]
    public void RejectsSnapshotsOfDifferentLengthsAndATooLongLayer()
    {
        var act = () => PcaAnalysis.Compute([[new float[5], new float[5]], [new float[6]]], new PcaSpec { LayerParameters = 2 });
        act.Should().Throw<ArgumentException>().WithMessage("*differ in length*");
        var tooLong = () => PcaAnalysis.Compute([[new float[5], new float[5]]], new PcaSpec { LayerParameters = 6 });
        tooLong.Should().Throw<ArgumentException>().WithMessage("*layer_parameters 6 exceeds the model's 5*");
    }
}
