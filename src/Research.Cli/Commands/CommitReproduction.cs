using System.Diagnostics;
using Research.Cli.Display;
using Research.Diffs;
using Research.IO;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// <c>research diff --measure</c>: a commit side reproduced instead of read. The commit is checked out in a
/// temporary git worktree, built, and its own <c>research report</c> runs there against this repository's run
/// cache and MNIST, so what is cached is read and only what is missing trains (runs are keyed by everything
/// that changes their numbers, so another commit's runs are shared where they are the same runs). The side is
/// then the report folder it wrote. The worktree is removed afterwards; the report is kept.
/// </summary>
internal static class CommitReproduction
{
    /// <summary>The report folder holding the commit's results.json, under the system's temp folder.</summary>
    /// <exception cref="DiffSideException">The side names no commit.</exception>
    /// <exception cref="RecordException">The commit does not build, or its report writes no results.json.</exception>
    public static string Measure(RepoPaths paths, string side, Specs.Profile profile, CancellationToken cancel)
    {
        var revision = side.LastIndexOf(':') is var colon and > 0 ? side[..colon] : side;
        var tree = GitTree.Open(paths.Root, revision)
                   ?? throw new DiffSideException(side, $"'{side}' is not a commit of {paths.Root}: --measure reproduces commit sides only");
        var sha = tree.Commit[..12];
        var scratch = Path.Combine(Path.GetTempPath(), "research-diff", sha);
        var worktree = Path.Combine(scratch, "tree");
        var report = Path.Combine(scratch, $"report-{Words.Profile(profile)}");
        if (Directory.Exists(worktree)) Run(paths.Root, cancel, "git", "worktree", "remove", "--force", worktree);
        Directory.CreateDirectory(scratch);
        Consoles.Err.MarkupLine($"[bold]Reproducing {Markup.Escape(revision)} ({sha})[/]: worktree {Markup.Escape(worktree)}");
        Require(Run(paths.Root, cancel, "git", "worktree", "add", "--detach", "--force", worktree, tree.Commit), side, "git worktree add failed");
        try
        {
            Require(Run(worktree, cancel, "dotnet", "build", "Research.sln", "-c", "Release", "-v", "quiet", "-nologo"), side,
                $"{sha} does not build (dotnet build Research.sln -c Release in {worktree})");
            var cli = Path.Combine(worktree, "src", "Research.Cli", "bin", "Release", "net10.0", "research.dll");
            if (!File.Exists(cli)) throw new RecordException(cli, "was not built", "that commit predates the research CLI");
            var exit = Run(worktree, cancel, "dotnet", cli, "report", "--profile", Words.Profile(profile), "--out", report);
            var results = Path.Combine(report, ResultsFile.FileName);
            // Exit 1 means a verdict differs from what that commit records: a finding, which the diff shows.
            if (exit is not (0 or 1) || !File.Exists(results))
                throw new RecordException(results, exit is 0 or 1 ? "was not written" : $"was not written (its report exited {exit})",
                    "commits before results.json (issue 18) cannot be measured; compare their committed record instead (without --measure)");
            return report;
        }
        finally
        {
            Run(paths.Root, CancellationToken.None, "git", "worktree", "remove", "--force", worktree);
        }

        int Run(string folder, CancellationToken token, string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true };
            start.Environment[RepoPaths.CacheVariable] = paths.Cache;
            start.Environment[RepoPaths.DataVariable] = paths.Mnist;
            using var process = Process.Start(start)!;
            // Its answer (tables, build lines) goes to stderr with the progress: stdout holds this diff only.
            process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine(line); };
            process.BeginOutputReadLine();
            using var kill = token.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
            process.WaitForExit();
            token.ThrowIfCancellationRequested();
            return process.ExitCode;
        }
    }

    static void Require(int exit, string side, string message)
    {
        if (exit != 0) throw new RecordException(side, message, "see the lines above");
    }
}
