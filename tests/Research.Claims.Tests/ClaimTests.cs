using FluentAssertions;
using Research.Runs;
using Research.Specs;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Claims.Tests;

/// <summary>
/// Every claim of experiments.yaml is one test, named after its section and id, trained for real
/// through the engine on the profile under test, and asserted against the verdict the spec records.
/// </summary>
public sealed class ClaimTests(ClaimSession session)
{
    /// <summary>One row per claim and variant its experiment can run (as written, as run, harness).</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Claims()
    {
        var spec = SpecLoader.Load(RepoPaths.Discover().Spec);
        var profile = ClaimSession.CurrentProfile.ToString().ToLowerInvariant();
        foreach (var claim in spec.Claims.Values)
        {
            var experiment = spec.Experiments[claim.Experiment];
            foreach (var variant in experiment.Runnable)
                yield return new TheoryDataRow<string, string>(claim.Id, variant.Key())
                    { TestDisplayName = $"§{claim.Section} {claim.Id} [{profile}, {variant.Words()}]" };
        }
    }

    [Theory]
    [MemberData(nameof(Claims))]
    public void Claim(string id, string variant)
    {
        var claim = session.Engine.Spec.Claims[id];
        var v = Variants.Parse(variant)!.Value;
        if (claim.Expected(session.Profile, v) is null)
            Assert.Skip($"§{claim.Section} {id} {v.Words()}: the {session.Profile.ToString().ToLowerInvariant()} profile's verdict is pending: {claim.Expectation(v).Pending}");
        var result = session.Reproduction.Claim(id, session.Profile, v, cancel: TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        if (result.DecidedByCpu && result.VariesByCpu is { } varies) // the other decided verdict, where the CPU decides it; an inconclusive one still fails
            Assert.Skip($"§{claim.Section} {id} {v.Words()}: {result.Verdict.ToString().ToLowerInvariant()} on this machine's kernels, recorded {result.Expected.ToString()!.ToLowerInvariant()}, and recorded as decided by the CPU: {varies}");
        result.Verdict.Should().Be(result.Expected,
            $"the spec expects \"{claim.Quote}\" to be '{result.Expected.ToString()!.ToLowerInvariant()}' {v.Words()} on this profile " +
            $"({claim.Rule}); measured {v.Words()} on the {session.Profile.ToString().ToLowerInvariant()} profile: §{claim.Section} {claim.Id}: {result.Message}");
    }
}
