using System.Diagnostics;

namespace Research.Runs;

/// <summary>
/// The commit of the working tree, for provenance. Outside a git checkout (e.g. a long run from a copy of
/// the build, so that rebuilding the repository cannot disturb it) $RESEARCH_COMMIT names it; else "unknown".
/// </summary>
public static class GitInfo
{
    public const string CommitVariable = "RESEARCH_COMMIT";

    static readonly Dictionary<string, string> Commits = new();

    public static string Commit(string repoRoot)
    {
        lock (Commits)
        {
            if (Commits.TryGetValue(repoRoot, out var known)) return known;
            return Commits[repoRoot] = Describe(repoRoot);
        }
    }

    static string Describe(string repoRoot)
    {
        try
        {
            var start = new ProcessStartInfo("git", "describe --always --dirty --abbrev=12")
            {
                WorkingDirectory = repoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : Fallback();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Fallback();
        }
    }

    static string Fallback() =>
        Environment.GetEnvironmentVariable(CommitVariable) is { Length: > 0 } named ? $"{named} (copy)" : "unknown";
}
