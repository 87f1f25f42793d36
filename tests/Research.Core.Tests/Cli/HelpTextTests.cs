using FluentAssertions;
using Research.Tests.Support;

namespace Research.Tests.Cli;

/// <summary>Every verb's --help reads in an 80-column terminal: paragraphs wrapped once, at spaces; examples and tables unbroken.</summary>
public class HelpTextTests
{
    public static TheoryData<string> Verbs => new("", "list", "run", "reproduce", "claims", "robustness", "figures", "report", "baseline",
        "plan", "worker", "submit", "submit slurm", "cache", "cache merge", "data", "stress", "diff");

    [Theory]
    [MemberData(nameof(Verbs))]
    public void HelpFitsEightyColumns(string verb)
    {
        var (exit, stdout, _) = ResearchProcess.Run(new Dictionary<string, string> { ["COLUMNS"] = "80" }, [.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        exit.Should().Be(0);
        stdout.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 80).Should().BeEmpty("help is wrapped at $COLUMNS");
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void ExamplesAndTablesInTheDescriptionAreNoWiderThanEightyColumns(string verb)
    {
        // Wide enough that nothing wraps: what is left is the description as written.
        var (_, stdout, _) = ResearchProcess.Run(new Dictionary<string, string> { ["COLUMNS"] = "1000" }, [.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        var description = stdout.Split('\n').TakeWhile(l => !l.StartsWith("Usage:", StringComparison.Ordinal)).ToList();
        description.Where(l => l.StartsWith("    ", StringComparison.Ordinal) && l.TrimEnd().Length > 80)
            .Should().BeEmpty("an indented line cannot be rewrapped, so it must fit as written");
    }
}
