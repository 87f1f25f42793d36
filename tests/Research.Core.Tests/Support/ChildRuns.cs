using System.Diagnostics;
using FluentAssertions;
using Research.IO;
using Research.Runs;
using Research.Training;

namespace Research.Tests.Support;

/// <summary>
/// Runs trained by the real CLI in a process of their own, into a fresh cache: the way to train under
/// variables libtorch reads only when it loads (rounding switches, ISA caps).
/// </summary>
internal static class ChildRuns
{
    /// <param name="arguments">The arguments after <c>research</c>, e.g. run cnn-depth --profile ci.</param>
    /// <param name="environment">Variables set in the child.</param>
    /// <returns>Every run the child wrote to its cache.</returns>
    public static async Task<IReadOnlyList<RunResult>> Train(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var cache = TestSpecs.TempDir();
        var start = new ProcessStartInfo("dotnet", [TestSpecs.ResearchDll(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestSpecs.RepoRoot,
            Environment = { [RepoPaths.CacheVariable] = cache },
        };
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var cancel = TestContext.Current.CancellationToken;
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        var stdout = await process.StandardOutput.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        process.ExitCode.Should().Be(0, stdout + await stderr);
        return Directory.EnumerateFiles(cache, "*.json", SearchOption.AllDirectories)
            .Select(f => new RunCache(cache).TryRead(f)).OfType<RunResult>().ToList();
    }
}
