using System.Diagnostics;
using System.Reflection;
using Research.Cli.Display;
using Research.Runs;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// <c>research reproduce</c>'s one queue (issue 16): every missing run of the profile's plan — all experiments, all
/// variants, the alternatives it judges — trained by one worker process per core (<c>research worker --queue</c>),
/// each taking the longest run nobody has taken, one at a time. Processes rather than threads because a run with
/// dropout draws from libtorch's process-wide generator and so trains alone in its process; one run per process
/// also bounds memory to one run's. One display follows the whole queue, read from the cache: runs done out of
/// the total, the runs in training and the time left. The workers' output goes to .cache/logs/.
/// </summary>
internal static class QueueRunner
{
    /// <returns>The runs the queue trained (those missing before that are in the cache now), for invocation.json.</returns>
    public static IReadOnlyList<PlannedRun> Run(Engine engine, Research.Specs.Profile profile, bool robustness, int jobs, CancellationToken cancel)
    {
        var plan = RunPlan.Build(engine.Spec, profile, engine.Cache, robustness: robustness);
        var missing = plan.Missing.ToList();
        if (missing.Count == 0) return [];
        jobs = Math.Clamp(jobs, 1, missing.Count);
        // The workers refuse a missing cache folder (on a cluster it means an unmounted share); here this process
        // owns the folder, so it makes it, as a run in this process would.
        Directory.CreateDirectory(engine.Cache.Root);
        var folder = engine.Paths.Logs;
        Directory.CreateDirectory(folder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        var planPath = Path.Combine(folder, $"reproduce-{stamp}.plan.json");
        PlanFile.Of(plan, engine.Spec, null, robustness).Write(planPath);
        Consoles.Err.MarkupLine($"[bold]One queue:[/] {Words.Count(missing.Count, "run")} to train ({PlanCommand.Duration(missing.Sum(r => r.Seconds))} of training expected), " +
                               $"{Words.Count(jobs, "worker process", "worker processes")}, longest first; their logs: {Markup.Escape(Path.GetFullPath(folder))}/reproduce-{stamp}-worker-*.log");

        var workers = Enumerable.Range(0, jobs).Select(i => Start(engine, planPath, Path.Combine(folder, $"reproduce-{stamp}-worker-{i}.log"))).ToList();
        using var stop = cancel.Register(() => { foreach (var w in workers) Kill(w.Process); });
        try
        {
            Follow(missing, workers, cancel);
        }
        finally
        {
            foreach (var w in workers) Kill(w.Process);
        }
        cancel.ThrowIfCancellationRequested();
        var failed = workers.Where(w => w.Process.ExitCode != 0).ToList();
        if (failed.Count > 0)
            throw new QueueFailedException(
                $"{Words.Count(failed.Count, "worker")} of the queue failed (exit code {failed[0].Process.ExitCode}); see {failed[0].Log}. Finished runs are cached: run reproduce again to train the rest.");
        return missing.Where(r => File.Exists(r.CachePath)).ToList();
    }

    sealed record WorkerProcess(Process Process, string Log);

    static WorkerProcess Start(Engine engine, string planPath, string log)
    {
        var spec = engine.Spec.SourcePath ?? throw new InvalidOperationException("the spec was not loaded from a file");
        var (file, prefix) = Self();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat(["worker", "--spec", spec, "--plan", planPath, "--queue"])) start.ArgumentList.Add(a);
        start.Environment["RESEARCH_CACHE"] = engine.Cache.Root;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var writer = new StreamWriter(log) { AutoFlush = true };
        void Pipe(StreamReader from) => Task.Run(() =>
        {
            string? line;
            while ((line = from.ReadLine()) != null)
                lock (writer) writer.WriteLine(line);
        });
        Pipe(process.StandardOutput);
        Pipe(process.StandardError);
        return new WorkerProcess(process, log);
    }

    /// <summary>This program again: its apphost, or <c>dotnet research.dll</c>.</summary>
    static (string File, string[] Prefix) Self()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = Assembly.GetEntryAssembly()!.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, [dll]) : (host, []);
    }

    static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Until every worker has exited: runs done (from the cache), the runs in training (their locks) and the time left.</summary>
    static void Follow(IReadOnlyList<PlannedRun> runs, IReadOnlyList<WorkerProcess> workers, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        double total = runs.Sum(r => r.Seconds);
        var done = new HashSet<PlannedRun>();
        string Status(out double fraction)
        {
            foreach (var r in runs)
                if (!done.Contains(r) && File.Exists(r.CachePath)) done.Add(r);
            double expectedDone = done.Sum(r => r.Seconds);
            fraction = total > 0 ? expectedDone / total : (double)done.Count / runs.Count;
            // A run's name with the first setting that needs it ([harness], …), as the workers' lines name it: variants train alike-named runs.
            var training = runs.Where(r => !done.Contains(r) && File.Exists(r.CachePath + ".lock")).Select(r => r.Label).ToList();
            var left = fraction > 0.02 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
            return $"{done.Count}/{runs.Count} runs" + (training.Count > 0 ? $" · training {string.Join(", ", training)}" : "") +
                   (left is { } l ? $" · about {PlanCommand.Duration(l.TotalSeconds)} left" : "");
        }
        bool Running() => workers.Any(w => !w.Process.HasExited);
        if (Consoles.Err.Profile.Capabilities.Interactive)
        {
            Consoles.Err.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("queue", maxValue: 1);
                    while (Running() && !cancel.IsCancellationRequested)
                    {
                        task.Description = Markup.Escape(Status(out var f));
                        task.Value = f;
                        Thread.Sleep(1000);
                    }
                    task.Description = Markup.Escape(Status(out var end));
                    task.Value = end;
                });
            return;
        }
        int reported = -1;
        while (Running() && !cancel.IsCancellationRequested)
        {
            var line = Status(out _);
            if (done.Count != reported)
            {
                Console.Error.WriteLine($"[queue] {line}");
                reported = done.Count;
            }
            Thread.Sleep(1000);
        }
        Console.Error.WriteLine($"[queue] {Status(out _)}");
    }
}

/// <summary>A worker of reproduce's queue exited with an error (exit code 5, as a failed run).</summary>
internal sealed class QueueFailedException(string message) : Exception(message);
