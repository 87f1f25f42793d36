using System.Diagnostics;
using FluentAssertions;
using Research.Tests.Support;

namespace Research.Tests.Training;

/// <summary>
/// Runs trained side by side while another thread collects garbage without pause, in a process whose
/// collections are made frequent (DOTNET_GCgen0size=0x20000): the conditions under which an unowned
/// native Scalar is freed under a running kernel (issue 19). It runs the real <c>research stress</c> in
/// a child process, since the collection frequency can only be set when a process starts. Every run
/// must finish and equal the same run trained alone, bit for bit, so no constant was silently swapped
/// either. With MNIST present it trains a small CNN too (issue 16's channels-last and flat-optimizer calls).
/// <see cref="Research.Tests.Torch.ScalarOwnershipTests"/> is the static check beside it.
/// RESEARCH_STRESS_SECONDS sets how long it trains (default 8; the README's longer version is 600).
/// </summary>
public class SideBySideStressTests
{
    const double DefaultSeconds = 8;

    static double Seconds =>
        double.TryParse(Environment.GetEnvironmentVariable("RESEARCH_STRESS_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? s : DefaultSeconds;

    [Fact]
    public async Task RunsSideBySideUnderConstantCollectionsFinishAndMatchRunsTrainedAlone()
    {
        var start = new ProcessStartInfo("dotnet", [TestSpecs.ResearchDll(), "stress", "--seconds", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestSpecs.RepoRoot,
            Environment = { ["DOTNET_GCgen0size"] = "0x20000" },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit(TimeSpan.FromSeconds(Seconds + 240)).Should().BeTrue("the stress check ends on its own");
        var output = stdout + await stderr;
        process.ExitCode.Should().Be(0, $"every run must survive the collections and match it trained alone:\n{output}");
        output.Should().Contain("all runs matched");
        output.Should().NotContain("Scalar.h");
        output.Should().NotContain("the CNN did not train", "the suite has MNIST, and the CNN path's native calls (channels-last, flat optimizer) need the check too");
        TestContext.Current.TestOutputHelper?.WriteLine(output.Split('\n').Last(l => l.Length > 0));
    }
}
