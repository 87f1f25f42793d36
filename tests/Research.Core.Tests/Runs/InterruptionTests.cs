using System.Diagnostics;
using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Runs;

/// <summary>A `research run` killed with SIGKILL mid-training leaves nothing that reads as a result.</summary>
public class InterruptionTests
{
    static string ResearchDll() => TestSpecs.ResearchDll();

    [Fact]
    public void AProcessKilledDuringTrainingLeavesNoResultAndTheRunTrainsAgain()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 20000");
        var specDir = TestSpecs.TempDir();
        var cache = TestSpecs.TempDir();
        File.WriteAllText(Path.Combine(specDir, "experiments.yaml"), yaml);
        var start = new ProcessStartInfo("dotnet", [ResearchDll(), "run", "tiny-fit", "--profile", "full", "--seed", "1", "--spec", Path.Combine(specDir, "experiments.yaml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["RESEARCH_CACHE"] = cache },
        };
        using (var research = Process.Start(start)!)
        {
            // Logs print a line to stderr at every tenth of the run: wait until training is under way, then SIGKILL.
            _ = research.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            string? line;
            while ((line = research.StandardError.ReadLine()) != null && !line.Contains("epoch 2,000/20,000")) { }
            line.Should().NotBeNull("the run should report progress before it is killed");
            research.Kill(entireProcessTree: true);
            research.WaitForExit();
        }
        Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories).Should().BeEmpty("a killed run stores no result");
        Directory.GetFiles(cache, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();

        var engine = TestSpecs.Engine(yaml, cache);
        var run = engine.Run(engine.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        run.Epochs.Should().Be(20000, "the next request trains the run from the start, ignoring the killed one's lock file");
        Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories).Should().ContainSingle();
    }
}
