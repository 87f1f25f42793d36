using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Research.Runs;

/// <summary>
/// The commit of the working tree, for provenance, as the process found it when it first asked (the engine asks
/// before it trains a run, so a run that trains for hours is not stamped with a commit made meanwhile). When the running
/// code was built from another commit (built, then committed, then run), the build's commit follows:
/// "c6225bf7bace (code built from 0f0737f1bef7)". Outside a git checkout (e.g. a long run from a copy of the
/// build) $RESEARCH_COMMIT names it, else the build's commit, else "unknown".
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

    /// <summary>The commit the running code was built from: the SDK stamps it into the informational version ("1.0.0+&lt;sha&gt;"); null when it was not built in a git checkout.</summary>
    public static string? BuiltFrom { get; } =
        typeof(GitInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } version
        && Regex.Match(version, "[0-9a-f]{40}$") is { Success: true } sha
            ? sha.Value : null;

    static string Describe(string repoRoot)
    {
        var described = DescribeWorkingTree(repoRoot);
        if (BuiltFrom is not { } built || Names(described, built)) return described;
        return described == "unknown" ? $"{built[..12]} (built)" : $"{described} (code built from {built[..12]})";
    }

    /// <summary>Whether a described commit ("c6225bf7bace-dirty", "v1.2-0-gc6225bf7bace", "c6225bf (copy)") is <paramref name="sha"/>.</summary>
    internal static bool Names(string described, string sha)
    {
        if (described.Contains(sha[..12], StringComparison.OrdinalIgnoreCase)) return true;
        var token = described.Split(' ', '-')[0];
        return token.Length >= 7 && token.All(Uri.IsHexDigit) && sha.StartsWith(token, StringComparison.OrdinalIgnoreCase);
    }

    static string DescribeWorkingTree(string repoRoot)
    {
        try
        {
            var start = new ProcessStartInfo("git", "describe --always --long --dirty --abbrev=12")
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
