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
}
