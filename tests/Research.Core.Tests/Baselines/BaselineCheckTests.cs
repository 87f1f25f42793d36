using FluentAssertions;
using Research.Baselines;
using Research.Figures;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Baselines;

/// <summary>The verify/accept cycle the baseline tests call: received files on a mismatch, accepted on request, dangling files found.</summary>
public class BaselineCheckTests
{
    /// <summary>"Draws" a figure as its title, so that two figures differ exactly when their titles do.</summary>
    sealed class TitleImages : IFigureImages
    {
        public string Extension => "txt";
        public void Save(Figure figure, string path) => File.WriteAllText(path, figure.Title);
        public bool IsImage(string path) => File.ReadAllText(path).Length > 0;
        public double DifferingFraction(string expected, string actual, int channelTolerance) =>
            File.ReadAllText(expected) == File.ReadAllText(actual) ? 0 : 1;
    }

    static Snapshot Snap(double loss) => new()
    {
        Experiment = "exp", Profile = "ci", Fingerprint = "this machine",
        Metrics = new Dictionary<string, double> { ["m/seed1/final_train_loss"] = loss },
        Series = new Dictionary<string, double[]>(),
    };

    static Figure Fig(string title) => new() { Number = 2, Caption = "c", Title = title, XLabel = "x", YLabel = "y", Series = [] };

    static BaselineCheck Check(string folder) =>
        new(new BaselineStore(folder), new BaselineSpec { Default = new ToleranceSpec { Relative = 1e-6 } }, new TitleImages(), folder);

    [Fact]
    public void AMismatchWritesReceivedFilesAndAcceptingMovesThemOverTheVerifiedOnes()
    {
        var folder = TestSpecs.TempDir();
        var check = Check(folder);

        var first = check.Check(Snap(0.5), [Fig("a")], accept: false);
        first.Passed.Should().BeFalse("there is no baseline yet");
        first.Differences.Should().Contain(d => d.Contains("exp.verified.json: no baseline yet")).And.Contain(d => d.Contains("fig-02.verified.txt: no baseline yet"));
        File.Exists(Path.Combine(folder, "exp.received.json")).Should().BeTrue();

        check.Check(Snap(0.5), [Fig("a")], accept: true).Accepted.Should().BeTrue();
        File.Exists(Path.Combine(folder, "exp.verified.json")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "exp.received.json")).Should().BeFalse("accepting clears the received snapshot");
        File.ReadAllText(Path.Combine(folder, "fig-02.verified.txt")).Should().Be("a");

        check.Check(Snap(0.5), [Fig("a")], accept: false).Passed.Should().BeTrue();
        Directory.EnumerateFiles(folder, "*.received.*").Should().BeEmpty("a passing check leaves nothing behind");

        var changed = check.Check(Snap(0.6), [Fig("b")], accept: false);
        changed.Passed.Should().BeFalse();
        changed.Differences.Should().HaveCount(2);
        changed.Failure.Should().Contain("m/seed1/final_train_loss: expected 0.5, got 0.6").And.Contain("./build.sh accept");
        File.Exists(Path.Combine(folder, "exp.received.json")).Should().BeTrue();
        File.ReadAllText(Path.Combine(folder, "fig-02.received.txt")).Should().Be("b");
        File.ReadAllText(Path.Combine(folder, "fig-02.verified.txt")).Should().Be("a", "a failing check never touches the verified files");
    }

    [Fact]
    public void AVerifiedFigureThatIsNotAnImageIsAnErrorNamingTheFileAndTheFix()
    {
        var folder = TestSpecs.TempDir();
        File.WriteAllText(Path.Combine(folder, "fig-02.verified.txt"), "");
        var act = () => Check(folder).Check(Snap(0.5), [Fig("a")], accept: false);
        act.Should().Throw<BaselineException>().WithMessage("*fig-02.verified.txt: is not a readable TXT*./build.sh accept*");
    }
}
