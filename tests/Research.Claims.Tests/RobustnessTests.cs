using FluentAssertions;
using Research.Outcomes;
using Research.Specs;

namespace Research.Claims.Tests;

/// <summary>
/// The specification curve (issue 15), as a regression check: every alternative and interaction the profile judges
/// (ci: those marked <c>ci: true</c>) flips exactly the claims experiments.yaml records for it, trained for real from the
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

        var interactions = Robustness.DeclaredInteractions(session.Engine.Spec, session.Profile).ToList();
        var result = Robustness.Judge(session.Reproduction, session.Profile, Variant.AsWritten, alternatives, cancel: cancel, interactions: interactions);

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

        // The declared interactions (alternatives of several choices changed together), judged where their choices meet.
        foreach (var i in result.Interactions)
        {
            i.Claims.Should().NotBeEmpty($"{i.Name}'s alternatives meet in some claim as written");
            var measured = RobustnessResult.Flipped(result.Judged(i), result.Defaults);
            var evidence = string.Join("; ", i.Claims.Select(c =>
                $"{c.Claim.Id}: {result.Defaults.First(d => d.Claim.Id == c.Claim.Id).Verdict} → {c.Verdict} ({c.Message})"));
            var recorded = i.Interaction.RecordedFlips(session.Profile);
            recorded.Should().NotBeNull($"{i.Name} is judged on the {session.Profile} profile, so experiments.yaml records what it flips; measured: {evidence}");
            var unsettled = i.Interaction.VariesByCpuOn(session.Profile);
            measured.Except(unsettled).Should().BeEquivalentTo(recorded!.Except(unsettled), $"experiments.yaml records what {i.Name} flips; measured: {evidence}");
            i.Interaction.PendingOn(session.Profile).Should().BeEmpty($"this run judged {i.Name} in every experiment it changes (pending_in); measured: {evidence}");
        }
    }
}
