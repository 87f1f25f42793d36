using FluentAssertions;
using Research.Baselines;
using Research.IO;
using Research.Plotting;
using Research.Specs;
using Research.Specs.Loading;

namespace Research.Claims.Tests;

/// <summary>
/// Snapshot baselines with Verify's conventions, under baselines/&lt;profile&gt;/&lt;variant&gt;/: each experiment the claims
/// read pins its per-run metrics and the series behind its figures (experiment.verified.json, compared
/// with the tolerances in experiments.yaml) and its figures (fig-NN.verified.png, compared by pixels).
/// The library's <see cref="BaselineCheck"/> compares, writes *.received.* and accepts; these tests only
/// call it. RESEARCH_ACCEPT=1 (./build.sh accept) accepts the new values. CI never sets it.
/// </summary>
public sealed class BaselineTests(ClaimSession session)
{
    /// <summary>One row per experiment and variant it can run.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Experiments()
    {
        var spec = SpecLoader.Load(RepoPaths.Discover().Spec);
        var profile = ClaimSession.CurrentProfile.ToString().ToLowerInvariant();
        foreach (var id in BaselineCheck.Checked(spec))
            foreach (var v in spec.Experiments[id].Runnable)
                yield return new TheoryDataRow<string, string>(id, v.Key())
                    { TestDisplayName = $"baseline §{spec.Experiments[id][Profile.Full].Section} {id} [{profile}, {v.Words()}]" };
    }

    BaselineCheck Check(Variant variant) => new(
        new BaselineStore(BaselineStore.FolderOf(session.Engine.Paths.Baselines, session.Profile, variant)),
        session.Engine.Spec.Baselines, new PngFigures(), session.Engine.Paths.Root);

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Baseline(string id, string variant)
    {
        var v = Variants.Parse(variant)!.Value;
        var outcome = session.Reproduction.Outcome(id, session.Profile, v, cancel: TestContext.Current.CancellationToken);
        var report = Check(v).Check(outcome.Snapshot, outcome.Figures, BaselineCheck.AcceptRequested);
        if (report.Accepted) TestContext.Current.TestOutputHelper?.WriteLine(report.Summary);
        else if (!report.Passed) Assert.Fail(report.Failure);
    }

    [Fact]
    public void NoBaselineIsUnused()
    {
        var spec = session.Engine.Spec;
        foreach (var v in Variants.All)
        {
            var ids = BaselineCheck.Checked(spec).Where(id => spec.Experiments[id].Runnable.Contains(v));
            Check(v).Unused(spec, ids, session.Profile, v).Should().BeEmpty(
                $"every file in {Path.GetRelativePath(session.Engine.Paths.Root, BaselineStore.FolderOf(session.Engine.Paths.Baselines, session.Profile, v))}/ must be checked by a test; delete the unused ones");
        }
    }
}
