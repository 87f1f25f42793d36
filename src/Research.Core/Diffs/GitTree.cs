using System.Diagnostics;

namespace Research.Diffs;

/// <summary>
/// The tree of one commit, read with <c>git show</c> and <c>git ls-tree</c>: what was committed there,
/// never a checkout and never a retraining.
/// </summary>
public sealed class GitTree : IRecordTree
{
    readonly string _root;

    GitTree(string root, string commit, string revision) => (_root, Commit, Revision) = (root, commit, revision);

    /// <summary>The full hash of the commit.</summary>
    public string Commit { get; }

    /// <summary>The revision as the user spelled it (HEAD~1, main).</summary>
    public string Revision { get; }

    /// <summary>The commit <paramref name="revision"/> names in the repository at <paramref name="root"/>; null when it names none (or git is missing).</summary>
    public static GitTree? Open(string root, string revision)
    {
        if (revision.Length == 0 || revision.StartsWith('-')) return null; // never let a side read as a git option
        var (exit, output) = Git(root, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        return exit == 0 && output.Trim() is { Length: > 0 } hash ? new GitTree(root, hash, revision) : null;
    }

    public string Name(string path) => $"{Revision}:{path}";

    public string? Read(string path)
    {
        var (exit, output) = Git(_root, "show", $"{Commit}:{path}");
        return exit == 0 ? output : null;
    }

    public IReadOnlyList<string> Files(string folder)
    {
        var (exit, output) = Git(_root, "ls-tree", "-r", "--name-only", Commit, "--", folder.TrimEnd('/') + "/");
        return exit == 0 ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList() : [];
    }

    static (int Exit, string Output) Git(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        try
        {
            using var git = Process.Start(start)!;
            var error = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            _ = error.Result;
            return (git.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }
}
