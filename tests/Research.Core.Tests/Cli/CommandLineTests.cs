using FluentAssertions;
using Research.Tests.Support;

namespace Research.Tests.Cli;

/// <summary>The built `research` as a user meets it: a mistyped command line gets one clear message and exit code 2, not the whole help.</summary>
public class CommandLineTests
{
    static (int Exit, string Output) Research(params string[] arguments)
    {
        var (exit, stdout, stderr) = ResearchProcess.Run(arguments);
        return (exit, stdout + stderr);
    }

    [Fact]
    public void AMistypedVerbGetsASuggestionAndOneMessage()
    {
        var (exit, output) = Research("lst");
        exit.Should().Be(2);
        output.Should().Contain("Unrecognized command or argument 'lst'").And.Contain("Did you mean list?")
            .And.NotContain("Required command was not provided").And.NotContain("Usage:");
    }

    [Fact]
    public void AnUnknownProfileNamesTheProfiles()
    {
        var (exit, output) = Research("run", "fit-sinc", "--profile", "fulll");
        exit.Should().Be(2);
        output.Should().Contain("unknown profile 'fulll'; profiles: ci, full").And.Contain("See `research run --help`")
            .And.NotContain("Cannot parse").And.NotContain("Usage:");
        Research("run", "--help").Output.Should().Contain("[default: ci]").And.NotContain("[default: Ci]");
    }

    [Fact]
    public void AClaimFilterThatMatchesNothingIsAnError()
    {
        var (exit, output) = Research("claims", "-c", "9.9");
        exit.Should().Be(2, "an empty table with exit 0 reads as success");
        output.Should().Contain("no claim's id or section starts with '9.9'; sections: 1.1, 1.1.1");
    }

    [Fact]
    public void AnUnknownModelNamesTheModels()
    {
        var (exit, output) = Research("run", "fit-sinc", "--model", "model-9");
        exit.Should().Be(2);
        output.Should().Contain("experiment fit-sinc has no model 'model-9'; models: model-1, model-2, model-3");
    }

    [Fact]
    public void BaselineWithoutACommittedBaselineNamesTheFileBeforeTraining()
    {
        var specDir = TestSpecs.TempDir();
        File.WriteAllText(Path.Combine(specDir, "experiments.yaml"), TestSpecs.Fit());
        var (exit, output) = Research("baseline", "tiny-fit", "--profile", "full", "--seed", "1", "--spec", Path.Combine(specDir, "experiments.yaml"));
        exit.Should().Be(3);
        output.Should().Contain("baselines/full/as_written/tiny-fit.verified.json: does not exist").And.Contain("./build.sh accept")
            .And.NotContain("epoch", "nothing trains without a baseline to compare with");
    }

    [Fact]
    public void RobustnessNamesTheChoicesAndListsThemWithoutTraining()
    {
        var (exit, output) = Research("robustness", "--choice", "convergence-rul");
        exit.Should().Be(2);
        output.Should().Contain("no choice 'convergence-rul' (did you mean 'convergence-rule'?); choices: convergence-rule,");

        (exit, output) = Research("robustness", "--list");
        exit.Should().Be(0);
        output.Should().Contain("cnn-3-front").And.Contain("--set experiments.cnn-depth.models.cnn-3.parameters=25577")
            .And.Contain("--set experiments.minimal-ratio.critical_point.newton_steps=50").And.NotContain("epoch 1/", "listing trains nothing");
    }
}
