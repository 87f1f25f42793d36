using FluentAssertions;
using Research.Baselines;
using Research.IO;
using Research.Plotting;
using Research.Specs;
using Research.Specs.Loading;

namespace Research.Claims.Tests;

/// <summary>
/// Snapshot baselines with Verify's conventions, under baselines/&lt;profile&gt;/: each experiment the claims
/// read pins its per-run metrics and the series behind its figures (experiment.verified.json, compared
/// with the tolerances in experiments.yaml) and its figures (fig-NN.verified.png, compared by pixels).
/// The library's <see cref="BaselineCheck"/> compares, writes *.received.* and accepts; these tests only
/// call it. RESEARCH_ACCEPT=1 (./build.sh accept) accepts the new values. CI never sets it.
/// </summary>
public sealed class BaselineTests(ClaimSession session)
{
    public static IEnumerable<TheoryDataRow<string>> Experiments()
    {
        var spec = SpecLoader.Load(RepoPaths.Discover().Spec);
        var profile = ClaimSession.CurrentProfile.ToString().ToLowerInvariant();
        foreach (var id in BaselineCheck.Checked(spec))
            yield return new TheoryDataRow<string>(id) { TestDisplayName = $"baseline §{spec.Experiments[id][Profile.Full].Section} {id} [{profile}]" };
    }

    BaselineCheck Check => new(
        new BaselineStore(Path.Combine(session.Engine.Paths.Baselines, session.Profile.ToString().ToLowerInvariant())),
        session.Engine.Spec.Baselines, new PngFigures(), session.Engine.Paths.Root);

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Baseline(string id)
    {
        var outcome = session.Reproduction.Outcome(id, session.Profile, cancel: TestContext.Current.CancellationToken);
        var report = Check.Check(outcome.Snapshot, outcome.Figures, BaselineCheck.AcceptRequested);
        if (report.Accepted) TestContext.Current.TestOutputHelper?.WriteLine(report.Summary);
        else if (!report.Passed) Assert.Fail(report.Failure);
    }

    [Fact]
    public void NoBaselineIsUnused() =>
        Check.Unused(session.Engine.Spec, BaselineCheck.Checked(session.Engine.Spec), session.Profile).Should().BeEmpty(
            $"every file in baselines/{session.Profile.ToString().ToLowerInvariant()}/ must be checked by a test; delete the unused ones");
}
