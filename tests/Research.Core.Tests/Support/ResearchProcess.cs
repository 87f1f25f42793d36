using System.Diagnostics;

namespace Research.Tests.Support;

/// <summary>The built `research` run as a user runs it, from the repository root with a fresh run cache; stdout and stderr kept apart.</summary>
public static class ResearchProcess
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] arguments) => Run(new Dictionary<string, string>(), arguments);

    public static (int Exit, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [TestSpecs.ResearchDll(), .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestSpecs.RepoRoot,
            Environment = { ["RESEARCH_CACHE"] = TestSpecs.TempDir() },
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
