using FluentAssertions;
using Research.Runs;
using Research.Tests.Support;

namespace Research.Tests.Runs;

public class GitInfoTests
{
    [Fact]
    public void TheCommitNamesTheBuildsCommitWhenTheWorkingTreeHasMovedOn()
    {
        // Built in a git checkout, the SDK stamps the build's commit; a copy without .git has none to compare.
        Assert.SkipWhen(GitInfo.BuiltFrom is null, "not built in a git checkout");
        GitInfo.BuiltFrom.Should().MatchRegex("^[0-9a-f]{40}$");
        var commit = GitInfo.Commit(TestSpecs.RepoRoot);
        var built = GitInfo.BuiltFrom![..12];
        (commit.StartsWith(built, StringComparison.Ordinal) || commit.EndsWith($" (code built from {built})", StringComparison.Ordinal))
            .Should().BeTrue($"'{commit}' either is the build's commit or names it");
    }
}
