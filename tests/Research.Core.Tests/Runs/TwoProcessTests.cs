using System.Diagnostics;
using FluentAssertions;
using Research.Tests.Support;

namespace Research.Tests.Runs;

/// <summary>Two `research run` processes on one cache: one trains, the other waits and reuses the result.</summary>
public class TwoProcessTests
{
    [Fact]
    public async Task TheSecondProcessWaitsForTheFirstAndReusesItsResult()
    {
        var specDir = TestSpecs.TempDir();
        var cache = TestSpecs.TempDir();
        File.WriteAllText(Path.Combine(specDir, "experiments.yaml"), TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 40000"));
        var dll = TestSpecs.ResearchDll();
        Process Start() => Process.Start(new ProcessStartInfo("dotnet", [dll, "run", "tiny-fit", "--profile", "full", "--seed", "1", "--spec", Path.Combine(specDir, "experiments.yaml")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["RESEARCH_CACHE"] = cache },
        })!;

        using var first = Start();
        // Progress goes to stderr. Wait until the first process is training (it holds the run's lock), then start the second.
        var firstTable = first.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string? line;
        while ((line = first.StandardError.ReadLine()) != null && !line.Contains("epoch 4,000/40,000")) { }
        using var second = Start();
        var secondTable = second.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var secondOutput = second.StandardError.ReadToEnd();
        var firstOutput = first.StandardError.ReadToEnd();
        first.WaitForExit();
        second.WaitForExit();

        first.ExitCode.Should().Be(0);
        second.ExitCode.Should().Be(0);
        secondOutput.Should().Contain("another process is training this run; waiting for its result")
            .And.Contain("from the run cache").And.NotContain("epoch 4,000/40,000");
        firstOutput.Should().Contain("epoch 40,000/40,000");
        (await firstTable).Should().Contain("tiny-fit").And.NotContain("epoch 4,000/40,000", "stdout holds the table, not the progress");
        (await secondTable).Should().Contain("(cached)");
        Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories).Should().ContainSingle();
    }
}
