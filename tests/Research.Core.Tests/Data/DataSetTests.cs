using FluentAssertions;
using Research.Data;
using Research.Specs;

namespace Research.Tests.Data;

public class DataSetTests
{
    [Fact]
    public void SincIsOneAtZeroAndZeroAtMultiplesOfOneFifth()
    {
        TargetFunctions.Evaluate(TargetFunction.Sinc, 0).Should().Be(1);
        TargetFunctions.Evaluate(TargetFunction.Sinc, 0.2).Should().BeApproximately(0, 1e-15);
        TargetFunctions.Evaluate(TargetFunction.Sinc, 0.1).Should().BeApproximately(2 / Math.PI, 1e-12);
    }

    [Fact]
    public void SignSineJumpsBetweenMinusOneAndOne()
    {
        TargetFunctions.Evaluate(TargetFunction.SignSine, 0.1).Should().Be(1);
        TargetFunctions.Evaluate(TargetFunction.SignSine, 0.3).Should().Be(-1);
        var (x, y) = TargetFunctions.Sample(TargetFunction.SignSine, -1, 1, 1000);
        x[0].Should().Be(-1);
        x[^1].Should().Be(1);
        y.Where(v => Math.Abs(v) == 1).Should().HaveCount(1000, "no sample of the 1,000-point grid lands exactly on a zero");
    }

    [Fact]
    public void RandomLabelsAreASeededPermutationKeepingClassCounts()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => (byte)(i % 10)).ToArray();
        var a = RandomLabels.Permute(labels, 7);
        var b = RandomLabels.Permute(labels, 7);
        var c = RandomLabels.Permute(labels, 8);
        a.Should().Equal(b);
        a.Should().NotEqual(c);
        a.GroupBy(l => l).Select(g => g.Count()).Should().AllBeEquivalentTo(100);
        a.Zip(labels).Count(p => p.First == p.Second).Should().BeLessThan(200, "about 10% agree by chance");
    }

    [Fact]
    public void UniformLabelsAreSeededIndependentDrawsOverTheTenClasses()
    {
        var a = RandomLabels.Uniform(60000, 1);
        a.Should().Equal(RandomLabels.Uniform(60000, 1));
        a.Should().NotEqual(RandomLabels.Uniform(60000, 2));
        a.Should().OnlyContain(l => l < 10);
        var counts = a.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        counts.Should().HaveCount(10);
        // Binomial(60,000, 0.1): sd 73, so every class within 6,000 ± 5 sd; and not all equal, as a permutation's would be.
        counts.Values.Should().OnlyContain(n => Math.Abs(n - 6000) < 365);
        counts.Values.Distinct().Should().HaveCountGreaterThan(1);
    }
}
