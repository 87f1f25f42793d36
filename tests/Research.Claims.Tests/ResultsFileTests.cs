using FluentAssertions;
using Research.Diffs;
using Research.Reporting;
using Research.Specs;

namespace Research.Claims.Tests;

/// <summary>
/// results.json, the record `research diff` compares: written beside REPORT.md from the session's cached
/// runs, it holds every claim under every setting its experiment runs, stays small, and agrees with the
/// committed record of the profile (experiments.yaml's verdicts, baselines/'s numbers) as the claim and
/// baseline tests do.
/// </summary>
public sealed class ResultsFileTests(ClaimSession session)
{
    [Fact]
    public void AReportsResultsHoldEveryClaimAndAgreeWithTheCommittedRecord()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var report = ReportGenerator.Generate(session.Reproduction, session.Profile, folder.Path, cancel: cancel, robustness: false);

        var path = Path.Combine(folder.Path, ResultsFile.FileName);
        report.Files.Should().Contain(ResultsFile.FileName);
        new FileInfo(path).Length.Should().BeLessThan(1 << 20, "results.json stays reviewable: series are thinned as the baselines thin them");
        var record = ResultsFile.Read(path);
        record.Measured.Should().BeTrue();
        record.Claims.Select(c => c.Id).Should().BeEquivalentTo(session.Engine.Spec.Claims.Keys);
        foreach (var claim in record.Claims)
            claim.Verdicts.Keys.Should().BeEquivalentTo(session.Engine.Spec.Experiments[claim.Experiment].Runnable.Select(v => v.Key()),
                $"{claim.Id} is judged under every setting its experiment runs");

        var root = session.Engine.Paths.Root;
        var diff = ReproductionDiff.Compare(new DiffSide("report", "report", record), DiffSides.Read(session.Profile.ToString().ToLowerInvariant(), root),
            session.Engine.Spec.Baselines);
        diff.Verdicts.Where(v => v.IsFlip).Should().BeEmpty("the claim tests assert the same verdicts");
        diff.Numbers.Should().BeEmpty("the baseline tests assert the same numbers");
    }
}
