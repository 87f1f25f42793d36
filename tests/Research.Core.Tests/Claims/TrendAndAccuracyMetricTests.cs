using FluentAssertions;
using Research.Claims;
using Research.Training;
using Research.Specs;
using Research.Measures;

namespace Research.Tests.Claims;

/// <summary>The shape claim's rising / falling trend (Mann–Kendall) and the accuracy milestones read off a run.</summary>
public class TrendAndAccuracyMetricTests
{
    static double[] Noise(int seed, int n, double scale)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
    }

    static ShapeSpec Trend(TrendDirection direction) => new() { Series = "test_loss", Direction = direction };

    [Fact]
    public void ARisingSeriesPassesIncreasingAndFailsDecreasing()
    {
        var rising = Noise(1, 30, 0.05).Select((e, i) => 1 + 0.02 * i + e).ToArray();
        var (up, tau) = ShapeClaim.Check(Trend(TrendDirection.Increasing), rising);
        up.Should().BeTrue();
        tau.Should().BeInRange(0.5, 1, "Kendall's τ of a clearly rising series");
        ShapeClaim.Check(Trend(TrendDirection.Decreasing), rising).Pass.Should().BeFalse();

        var falling = rising.Reverse().ToArray();
        ShapeClaim.Check(Trend(TrendDirection.Decreasing), falling).Pass.Should().BeTrue();
        ShapeClaim.Check(Trend(TrendDirection.Increasing), falling).Pass.Should().BeFalse();
        ShapeClaim.Check(Trend(TrendDirection.Decreasing), falling).Value.Should().BeApproximately(-tau, 1e-12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AFlatNoisySeriesFailsBothDirections(int seed)
    {
        var flat = Noise(seed, 30, 0.05).Select(e => 1 + e).ToArray();
        ShapeClaim.Check(Trend(TrendDirection.Increasing), flat).Pass.Should().BeFalse();
        ShapeClaim.Check(Trend(TrendDirection.Decreasing), flat).Pass.Should().BeFalse();
        ShapeClaim.Check(Trend(TrendDirection.Increasing), Enumerable.Repeat(1.0, 30).ToArray()).Pass.Should().BeFalse("a constant series has no trend");
    }

    [Fact]
    public void AWeakTrendPassesOnlyALooserAlpha()
    {
        // Mann–Kendall S = 33 over 66 pairs, z = 32 / √212.7 ≈ 2.19, one-sided p ≈ 0.014.
        double[] weak = [1, 3, 2, 4, 3, 5, 4, 6, 5, 7, 6, 2];
        ShapeClaim.Check(Trend(TrendDirection.Increasing), weak).Pass.Should().BeFalse("p ≈ 0.014 > the default 0.01");
        ShapeClaim.Check(Trend(TrendDirection.Increasing) with { TrendAlpha = 0.05 }, weak).Pass.Should().BeTrue();
        ShapeClaim.Check(Trend(TrendDirection.Increasing), weak).Value.Should().BeApproximately(0.5, 1e-12, "τ = 33 / 66");
    }

    static RunResult Run(int[] epochs, double[] accuracy) => new()
    {
        Experiment = "x", Model = "a", Seed = 1, Profile = "ci", Parameters = 10, Outcome = RunOutcome.MaxEpochs, Epochs = epochs[^1],
        Metrics = new MetricSeries { Epochs = epochs, TrainLoss = new double[epochs.Length], TrainAccuracy = accuracy },
        Provenance = null!,
    };

    [Fact]
    public void AccuracyMilestonesAreTheFirstEpochReachingThem()
    {
        var run = Run([2, 4, 6, 8, 10], [0.1, 0.49, 0.5, 0.95, 0.7]);
        Measure.EpochTrainAccuracy50.Of(run).Should().Be(6, "0.5 is reached (not just approached) at the third record, epoch 6");
        Measure.EpochTrainAccuracy90.Of(run).Should().Be(8);
        Measure.MaxTrainAccuracy.Of(run).Should().Be(0.95);

        var never = Run([1, 2, 3], [0.1, 0.2, 0.3]);
        Measure.EpochTrainAccuracy50.Of(never).Should().Be(double.PositiveInfinity);
        Measure.EpochTrainAccuracy90.Of(never).Should().Be(double.PositiveInfinity);

        var unrecorded = Run([1], [0.5]) with { Metrics = new MetricSeries { Epochs = [1], TrainLoss = [1] } };
        var act = () => Measure.EpochTrainAccuracy50.Of(unrecorded);
        act.Should().Throw<InvalidOperationException>().WithMessage("*did not record 'train_accuracy'*");
    }
}
