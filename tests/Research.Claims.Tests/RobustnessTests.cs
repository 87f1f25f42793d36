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
            FlipsAsRecorded(result, a.Name, a.Alternative, a.Claims, RobustnessResult.Flipped(result.Judged(a), result.Defaults));
        }
        // The declared interactions (alternatives of several choices changed together), judged where their choices meet.
        foreach (var i in result.Interactions)
        {
            i.Claims.Should().NotBeEmpty($"{i.Name}'s alternatives meet in some claim as written");
            FlipsAsRecorded(result, i.Name, i.Interaction, i.Claims, RobustnessResult.Flipped(result.Judged(i), result.Defaults));
        }
    }

    /// <summary>An alternative or interaction flips exactly the claims experiments.yaml records for it on the profile, in every experiment it changes.</summary>
    void FlipsAsRecorded(RobustnessResult result, string name, JudgedSetting setting, IReadOnlyList<ClaimResult> claims, IReadOnlyList<string> measured)
    {
        var recorded = setting.RecordedFlips(session.Profile);
        var evidence = string.Join("; ", claims.Select(c =>
            $"{c.Claim.Id}: {result.Defaults.First(d => d.Claim.Id == c.Claim.Id).Verdict} → {c.Verdict} ({c.Message})"));
        recorded.Should().NotBeNull($"{name} is judged on the {session.Profile} profile, so experiments.yaml records the claims it flips " +
                                    $"(flips{(session.Profile == Profile.Ci ? "_ci" : "")}); measured: {evidence}");
        var unsettled = setting.Unsettled(session.Profile, result.DecidedByCpu);
        measured.Except(unsettled).Should().BeEquivalentTo(recorded!.Except(unsettled),
            $"experiments.yaml records what {name} flips (leaving out the CPU-dependent {string.Join(", ", unsettled)}); measured: {evidence}");
        setting.PendingOn(session.Profile).Should().BeEmpty(
            $"this run judged {name} in every experiment it changes, so experiments.yaml can record its flips there too (pending_in); measured: {evidence}");
    }
}
