using FluentAssertions;
using Research.Outcomes;
using Research.Specs;

namespace Research.Claims.Tests;

/// <summary>
/// The specification curve (issue 15), as a regression check: every alternative the profile judges (ci: those
/// marked <c>ci: true</c>) flips exactly the claims experiments.yaml records for it, trained for real from the
/// spec with the alternative's assignments. Its runs are shared with the report's Robustness part through the cache.
/// </summary>
public sealed class RobustnessTests(ClaimSession session)
{
    [Fact]
    public void EveryAlternativeTheProfileJudgesFlipsTheClaimsExperimentsYamlRecords()
    {
        var cancel = TestContext.Current.CancellationToken;
        var alternatives = Robustness.Declared(session.Engine.Spec, session.Profile).ToList();
        alternatives.Should().NotBeEmpty("the suite exercises the specification curve on every profile");

        var result = Robustness.Judge(session.Reproduction, session.Profile, Variant.AsWritten, alternatives, cancel: cancel);

        foreach (var a in result.Alternatives)
        {
            a.Claims.Should().NotBeEmpty($"{a.Name} changes something as written");
            var measured = RobustnessResult.Flipped(result.Judged(a), result.Defaults);
            var recorded = a.Alternative.RecordedFlips(session.Profile);
            var evidence = string.Join("; ", a.Claims.Select(c =>
                $"{c.Claim.Id}: {result.Defaults.First(d => d.Claim.Id == c.Claim.Id).Verdict} → {c.Verdict} ({c.Message})"));
            recorded.Should().NotBeNull($"{a.Name} is judged on the {session.Profile} profile, so experiments.yaml records the claims it flips " +
                                        $"(flips{(session.Profile == Profile.Ci ? "_ci" : "")}); measured: {evidence}");
            var unsettled = a.Alternative.VariesByCpuOn(session.Profile);
            measured.Except(unsettled).Should().BeEquivalentTo(recorded!.Except(unsettled),
                $"experiments.yaml records what {a.Name} flips (leaving out the CPU-dependent {string.Join(", ", unsettled)}); measured: {evidence}");
            a.Alternative.PendingOn(session.Profile).Should().BeEmpty(
                $"this run judged {a.Name} in every experiment it changes, so experiments.yaml can record its flips there too (pending_in); measured: {evidence}");
        }
    }
}
