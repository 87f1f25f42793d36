using FluentAssertions;
using Research.Diffs;
using Research.Tests.Support;

namespace Research.Tests.Cli;

/// <summary>`research diff` as a user meets it, on this repository's committed records: nothing trains, and the exit code says what was found.</summary>
public class DiffCommandTests
{
    static (int Exit, string Stdout, string Stderr) Research(params string[] arguments) => ResearchProcess.Run(arguments);

    [Fact]
    public void AProfileAgainstItselfChangesNothingAndExitsZero()
    {
        var (exit, stdout, _) = Research("diff", "ci", "ci");

        exit.Should().Be(0);
        stdout.Should().Contain("a: committed record of ci (working tree)").And.Contain("0 verdicts flip; 0 numbers beyond tolerance")
            .And.NotContain("Verdicts that changed");
        stdout.Split('\n').Should().OnlyContain(line => line.Length <= 80);
    }

    [Fact]
    public void TheTwoProfilesDifferInVerdictsAndTheJsonSaysSo()
    {
        var (exit, stdout, _) = Research("diff", "ci", "full", "--json", "-");

        exit.Should().Be(1, "ci's reduced budget flips verdicts that full records");
        var diff = DiffJson.Read(stdout);
        diff.Flips.Should().BeGreaterThan(0);
        diff.Verdicts.Should().Contain(v => v.Claim == "cnn-3-lowest-train-loss" && v.Setting == "as_written");
    }

    [Fact]
    public void ASideThatNamesNothingIsAUsageErrorAndAFolderWithoutResultsJsonAFileError()
    {
        var (exit, _, stderr) = Research("diff", "ci", "no-such-side");
        exit.Should().Be(2);
        stderr.Should().Contain("'no-such-side' is not a folder, a profile or a commit").And.Contain("A side is a report folder");

        var folder = TestSpecs.TempDir();
        (exit, _, stderr) = Research("diff", folder, "ci");
        exit.Should().Be(3);
        stderr.Should().Contain(Path.Combine(folder, "results.json")).And.Contain("does not exist");
    }

    [Fact]
    public void MeasureReproducesCommitSidesOnlyAndNamesABadOne()
    {
        var (exit, _, stderr) = Research("diff", "no-such-commit", "ci", "--measure");

        exit.Should().Be(2);
        stderr.Should().Contain("'no-such-commit' is not a commit").And.Contain("--measure reproduces commit sides only");
    }
}
