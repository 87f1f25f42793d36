using FluentAssertions;
using Research.Figures;
using Research.Plotting;
using Research.Runs;
using Research.Tests.Support;
using Research.IO;

namespace Research.Tests.Runs;

public class StorageTests
{
    [Fact]
    public void AFullDiskIsNamedAsSuch()
    {
        var full = new IOException("No space left on device : '/cache/x.tmp'", 28);
        StorageException.Writing("/cache", full, "RESEARCH_CACHE").Message.Should()
            .Be("/cache: the disk is full. Free some space, or point RESEARCH_CACHE at another disk.");
    }

    [Fact]
    public void AReportFolderThatCannotBeWrittenGivesAClearError()
    {
        var blocker = Path.Combine(TestSpecs.TempDir(), "reports");
        File.WriteAllText(blocker, "not a folder");
        var figure = new Figure
        {
            Number = 1, Caption = "c", Title = "t", XLabel = "x", YLabel = "y",
            Series = [new FigureSeries { Id = "a", Label = "a", X = [0, 1], Y = [0, 1] }],
        };
        var act = () => FigureRenderer.SavePng(figure, Path.Combine(blocker, "figures", figure.FileName));
        act.Should().Throw<StorageException>().Which.Message.Should()
            .StartWith(Path.Combine(blocker, "figures")).And.Contain("point --out at a writable folder");
    }
}
