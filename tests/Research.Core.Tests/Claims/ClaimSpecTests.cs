using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Claims;

public class ClaimSpecTests
{
    static string WithClaim(string claim) => TestSpecs.FitWithClaim(claim);

    const string Valid = TestSpecs.FasterClaim;

    [Fact]
    public void AValidClaimLoads()
    {
        var spec = TestSpecs.Parse(WithClaim(Valid));
        spec.Claims["faster"].Than.Should().Be("small");
    }

    [Theory]
    [InlineData("experiment: tiny-fit", "experiment: tiny-fut", "claims.faster.experiment: unknown experiment 'tiny-fut' (did you mean 'tiny-fit'?); experiments: tiny-fit")]
    [InlineData("than: small", "than: smal", "claims.faster.than: experiment tiny-fit has no model 'smal' (did you mean 'small'?); models: small")]
    [InlineData("metric: converged_epoch", "metric: converged_epochs", "claims.faster.metric: unknown metric 'converged_epochs' (did you mean 'converged_epoch'?)")]
    [InlineData("expect: holds", "expect: deviates", "claims.faster.evidence: a claim expected to be 'deviates' must carry its measured evidence")]
    [InlineData("    than: small\n", "", "claims.faster.than: a comparison claim needs 'than'")]
    public void AClaimNamingWhatDoesNotExistIsAnErrorAtLoadTime(string from, string to, string message)
    {
        var act = () => TestSpecs.Parse(WithClaim(Valid.Replace(from, to)));
        act.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle()
            .Which.ToString().Should().Contain(message);
    }

    [Theory]
    [InlineData(Verdict.Deviates, true, false)]
    [InlineData(Verdict.Holds, true, true)]
    [InlineData(Verdict.Inconclusive, false, false)]
    public void AVerdictRecordedAsDecidedByTheCpuCountsEitherDecidedVerdictAsRecorded(Verdict measured, bool asExpected, bool byCpu)
    {
        var varies = Valid.Replace("expect: holds", "expect: deviates\n    evidence: e\n    varies_by_cpu: \"3 of 5 on one CPU, 4 of 5 on another\"");
        foreach (var profile in new[] { Profile.Ci, Profile.Full })
        {
            var claim = TestSpecs.Parse(WithClaim(varies)).Claims["faster"];
            var result = new Research.Claims.ClaimResult(claim, measured, "m", new Dictionary<string, double[]>(), 5) { Profile = profile };
            result.AsExpected.Should().Be(asExpected, $"on {profile}, {measured} against a recorded deviates that the CPU decides");
            result.DecidedByCpu.Should().Be(byCpu);
        }
        var plain = new Research.Claims.ClaimResult(TestSpecs.Parse(WithClaim(Valid.Replace("expect: holds", "expect: deviates\n    evidence: e"))).Claims["faster"],
            Verdict.Holds, "m", new Dictionary<string, double[]>(), 5) { Profile = Profile.Full };
        plain.AsExpected.Should().BeFalse("without varies_by_cpu a changed verdict is a difference");
    }
}
