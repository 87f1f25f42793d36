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

    [Theory]
    [InlineData("c6225bf7bace", true)]
    [InlineData("c6225bf7bace-dirty", true)]
    [InlineData("v1.2-0-gc6225bf7bace", true)]
    [InlineData("c6225bf (copy)", true)]
    [InlineData("0f0737f1bef7", false)]
    [InlineData("unknown", false)]
    public void ADescribedCommitIsMatchedToTheBuildsByItsHash(string described, bool same) =>
        GitInfo.Names(described, "c6225bf7bacef5fe3b6a0c51b069faeb0ae3b0c1").Should().Be(same);
}
