using System.CommandLine;
using Research.Cli.Display;
using Research.Runs;
using Research.Specs;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research worker</c>: one share of a frozen plan, trained into the (shared) run cache.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var plan = new Option<FileInfo>("--plan") { Description = "The plan file (`research plan --json`, or the one `research submit` wrote).", Required = true };
        var index = new Option<int?>("--index") { Description = "This worker's share, 0 … count − 1 (default: $SLURM_ARRAY_TASK_ID − $SLURM_ARRAY_TASK_MIN, or $JOB_COMPLETION_INDEX)." };
        var count = new Option<int?>("--count") { Description = "How many shares the plan is split into (default: $SLURM_ARRAY_TASK_COUNT)." };
        var parallel = new Option<int?>("--parallel") { Description = "Runs at once (default: $SLURM_CPUS_PER_TASK, else the cores, divided by each run's threads)." };
        var queue = new Option<bool>("--queue") { Description = "Take runs from the whole plan as a queue instead of a fixed share: the longest run no other worker has taken, one at a time, until none is left (what `research reproduce` starts one per core)." };
        var command = new Command("worker",
            """
            Train one share of a plan into the run cache ($RESEARCH_CACHE: on a cluster, a folder every node
            mounts). The plan's runs that were missing when it was made are split into --count shares balanced by
            expected cost (longest first, each to the lightest share), the same way on every host; this worker
            trains share --index. Runs already in the cache are skipped and each run is locked while it trains, so
            workers never train a run twice, a cancelled worker leaves no partial result, and running the same
            share again trains only what is missing. It fails before training when the cache folder is missing or
            not writable on this host.

            Examples:
              research worker --plan plan.json --index 0 --count 4
              research worker --plan plan.json          # in a Slurm array task
              research worker --plan plan.json --queue  # any number, sharing the cache
            """) { spec, plan, index, count, parallel, queue };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            Worker.CheckCacheFolder(engine.Cache.Root);
            var file = PlanFile.Read(parse.GetValue(plan)!.FullName);
            var profile = Enum.Parse<Research.Specs.Profile>(file.Profile, ignoreCase: true);
            var live = RunPlan.Build(engine.Spec, profile, engine.Cache, file.Experiments.Count > 0 ? file.Experiments : null, file.Robustness);
            int ThreadsOf(IReadOnlyList<PlannedRun> runs) => runs.Select(r => live.SpecOf(r).Threads).DefaultIfEmpty(1).Max();
            if (parse.GetValue(queue))
            {
                var all = Worker.Resolve(file, live, 0, 1);
                Research.Torch.TorchRuntime.SetThreads(ThreadsOf(all));
                AnsiConsole.MarkupLine($"[bold]Queue worker[/] {Environment.ProcessId} on {Markup.Escape(Environment.MachineName)}: {Words.Count(all.Count, "run")} in the plan, into {Markup.Escape(engine.Cache.Root)}");
                var took = 0;
                LiveProgress.Show(observer => took = RunQueue.Drain(engine, live, all, observer, cancel), keepFinished: true, settingOf: r => live.SettingOf(r.Key));
                AnsiConsole.MarkupLine($"Queue worker {Environment.ProcessId} done: it took {Words.Count(took, "run")}; none is left untaken.");
                return 0;
            }
            var (i, n) = Resolve(parse.GetValue(index), parse.GetValue(count));
            var share = Worker.Resolve(file, live, i, n);
            var threads = ThreadsOf(share);
            var cores = parse.GetValue(parallel) ?? (int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), out var c) ? c : Environment.ProcessorCount) / threads;
            AnsiConsole.MarkupLine($"[bold]Worker {i} of {n}[/] on {Markup.Escape(Environment.MachineName)}: {Words.Count(share.Count, "run")} of the plan's {file.Runs.Count(r => !r.Cached)} " +
                                   $"({PlanCommand.Duration(share.Sum(r => r.Seconds))} expected), {Words.Count(Math.Max(1, cores), "run")} at a time, into {Markup.Escape(engine.Cache.Root)}");
            Research.Torch.TorchRuntime.SetThreads(threads);
            var progress = LiveProgress.Show(observer => Worker.Train(engine, live, share, Math.Max(1, cores), observer, cancel), keepFinished: true,
                settingOf: r => live.SettingOf(r.Key));
            AnsiConsole.MarkupLine($"Worker {i} of {n} done: {share.Count - progress.CachedCount} trained, {progress.CachedCount} already in the cache.");
            return 0;
        })));
        return command;
    }

    static (int, int) Resolve(int? index, int? count)
    {
        try
        {
            return ShareIndex.Resolve(index, count, Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
