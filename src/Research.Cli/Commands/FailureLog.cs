using Research.Runs;
using Research.IO;

namespace Research.Cli.Commands;

/// <summary>Where the full text of a failure goes, so the console shows what to act on and the log shows the rest.</summary>
internal static class FailureLog
{
    /// <summary>Writes the exception with its stack traces to .cache/logs/ (or the temp folder) and returns the file's path.</summary>
    public static string Write(Exception e)
    {
        string folder;
        try { folder = RepoPaths.Discover().Logs; }
        catch (FileNotFoundException) { folder = Path.Combine(Path.GetTempPath(), "research-logs"); }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"failure-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        File.WriteAllText(path, $"{DateTime.UtcNow:O} research {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n\n{e}\n");
        return path;
    }
}
