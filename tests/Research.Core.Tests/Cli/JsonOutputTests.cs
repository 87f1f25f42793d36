using System.Text.Json;
using FluentAssertions;
using Research.Tests.Support;

namespace Research.Tests.Cli;

/// <summary>`--json -` puts a verb's answer on stdout as JSON and nothing else, so a script can parse it; the table goes to stderr.</summary>
public class JsonOutputTests
{
    static JsonElement Parse(params string[] arguments)
    {
        var (exit, stdout, stderr) = ResearchProcess.Run(arguments);
        exit.Should().Be(0, stderr);
        stderr.Should().Contain("╭", "the table still shows, on stderr");
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Fact]
    public void ListWritesEveryExperimentWithItsModelsAndBudgets()
    {
        var list = Parse("list", "--json", "-");
        list.EnumerateArray().Select(e => e.GetProperty("experiment").GetString()).Should().Contain(["fit-sinc", "cnn-depth", "parameters-vs-generalization"]);
        var fit = list.EnumerateArray().First(e => e.GetProperty("experiment").GetString() == "fit-sinc");
        fit.GetProperty("epochs").GetProperty("full").GetInt32().Should().Be(25_000);
        fit.GetProperty("models")[0].GetProperty("parameters").GetInt64().Should().Be(571, "the report's own count for Model 1");
    }

    [Fact]
    public void PlanWritesThePlanAWorkerReads()
    {
        var plan = Parse("plan", "--profile", "ci", "--experiment", "fit-sinc", "--json", "-");
        plan.GetProperty("profile").GetString().Should().Be("ci");
        plan.GetProperty("runs").GetArrayLength().Should().BeGreaterThan(0);
        plan.GetProperty("runs")[0].TryGetProperty("run_key", out _).Should().BeFalse("PlanEntry names it key");
        plan.GetProperty("runs")[0].GetProperty("key").GetString().Should().HaveLength(64);
    }

    [Fact]
    public void RunWritesEachRunWithItsOutcomeAndWhetherItWasCached()
    {
        var dir = TestSpecs.TempDir();
        var spec = Path.Combine(dir, "experiments.yaml");
        File.WriteAllText(spec, TestSpecs.Fit());
        var runs = Parse("run", "tiny-fit", "--spec", spec, "--json", "-");
        runs.GetArrayLength().Should().Be(2, "two seeds");
        runs[0].GetProperty("model").GetString().Should().Be("small");
        runs[0].GetProperty("epochs").GetInt32().Should().Be(60);
        runs[0].GetProperty("cached").GetBoolean().Should().BeFalse("the cache was empty");
        runs[0].GetProperty("run_key").GetString().Should().HaveLength(64);
    }

    [Fact]
    public void RobustnessRecordedWritesEachClaimsStateUnderEachAlternative()
    {
        var recorded = Parse("robustness", "--profile", "full", "--recorded", "--json", "-");
        recorded.GetProperty("variant").GetString().Should().Be("as_written");
        string? State(string claim, string alternative) => recorded.GetProperty("claims").EnumerateArray()
            .Single(c => c.GetProperty("claim").GetString() == claim).GetProperty("under").EnumerateArray()
            .Single(u => u.GetProperty("alternative").GetString() == alternative).GetProperty("state").GetString();
        State("sign-prediction-comparable", "comparable-prediction: sign-accuracy").Should().Be("flipped", "experiments.yaml records that alternative flipping it");
        State("deep4-converges-faster", "convergence-rule: below-5e-4").Should().Be("varies_by_cpu", "its flip there is recorded as the CPU's");
        State("deep4-converges-faster", "convergence-rule: first-below-1e-3").Should().Be("kept");
    }
}
