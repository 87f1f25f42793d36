using System.Diagnostics;
using FluentAssertions;
using Research.Diffs;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Diffs;

/// <summary>How a side of `research diff` is read: a profile from the working tree, a commit through git, a folder's results.json, or a usage error.</summary>
public class DiffSidesTests
{
    static string Spec(string expect) => TestSpecs.FitWithClaim(TestSpecs.FasterClaim.Replace("expect: holds", "expect: " + expect));


    const string Baseline = """
        { "experiment": "tiny-fit", "profile": "ci", "fingerprint": "f",
          "metrics": { "small/seed1/final_train_loss": 0.5 }, "series": { "fig-02/small/seed1/y": [1, 0.5] } }
        """;

    /// <summary>A repository whose first commit records <c>holds</c> and whose working tree records <c>deviates</c>.</summary>
    static string Repository()
    {
        var root = TestSpecs.TempDir();
        Directory.CreateDirectory(Path.Combine(root, "baselines", "ci", "as_written"));
        File.WriteAllText(Path.Combine(root, "baselines", "ci", "as_written", "tiny-fit.verified.json"), Baseline);
        File.WriteAllText(Path.Combine(root, "experiments.yaml"), Spec("holds"));
        Git(root, "init", "-q");
        Git(root, "add", ".");
        Git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first");
        File.WriteAllText(Path.Combine(root, "experiments.yaml"), Spec("deviates\n    evidence: e"));
        File.WriteAllText(Path.Combine(root, "baselines", "ci", "as_written", "tiny-fit.verified.json"), Baseline.Replace("0.5 }", "0.7 }"));
        return root;
    }

    static void Git(string root, params string[] arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        git.WaitForExit();
        git.ExitCode.Should().Be(0, $"git {string.Join(' ', arguments)} runs");
    }

    [Fact]
    public void ACommitSideReadsWhatWasCommittedThereNotTheWorkingTree()
    {
        var root = Repository();

        var committed = DiffSides.Read("HEAD", root);
        var working = DiffSides.Read("ci", root);

        committed.Description.Should().StartWith("committed record of ci at HEAD (");
        committed.Record.Claims.Single().Verdicts["as_written"].Recorded.Should().Be(Verdict.Holds);
        committed.Record.Experiments["tiny-fit"]["as_written"].Metrics["small/seed1/final_train_loss"].Should().Be(0.5);
        working.Record.Claims.Single().Verdicts["as_written"].Recorded.Should().Be(Verdict.Deviates);
        var diff = ReproductionDiff.Compare(committed, working, DiffRecords.Rules);
        diff.Flips.Should().Be(1);
        diff.Numbers.Should().ContainSingle().Which.B.Should().Be(0.7);
        DiffSides.Read("HEAD:ci", root).Record.Should().BeEquivalentTo(committed.Record);
    }

    [Fact]
    public void ACommitThatHoldsAProfilesResultsJsonIsReadAsThatMeasuredRecord()
    {
        var root = Repository();
        Directory.CreateDirectory(Path.Combine(root, "reports", "ci"));
        ResultsFile.Write(DiffRecords.Record(Verdict.Inconclusive), Path.Combine(root, "reports", "ci"));
        Git(root, "add", "-f", "reports");
        Git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "measured");

        var side = DiffSides.Read("HEAD:ci", root);

        side.Description.Should().StartWith("its results.json of ci at HEAD");
        side.Record.Measured.Should().BeTrue();
        side.Record.Claims.Single().Verdicts["as_written"].Verdict.Should().Be(Verdict.Inconclusive);
        DiffSides.Read("HEAD~1:ci", root).Record.Measured.Should().BeFalse("the commit before holds no results.json");
    }

    [Fact]
    public void ASideThatNamesNothingIsAUsageErrorThatNamesItAndWhatASideCanBe()
    {
        var root = Repository();

        var act = () => DiffSides.Read("no-such-thing", root);

        act.Should().Throw<DiffSideException>().Which.Message.Should()
            .Contain("'no-such-thing' is not a folder, a profile or a commit").And.Contain("A side is a report folder holding results.json");
        FluentActions.Invoking(() => DiffSides.Read("HEAD:fulll", root)).Should().Throw<DiffSideException>()
            .WithMessage("*unknown profile 'fulll'*profiles: ci, full*");
    }

    [Fact]
    public void AFolderWithoutResultsJsonNamesTheFileItLacks()
    {
        var folder = TestSpecs.TempDir();

        var act = () => DiffSides.Read(folder, TestSpecs.TempDir());

        act.Should().Throw<RecordException>().Which.File.Should().Be(Path.Combine(folder, "results.json"));
    }
}
