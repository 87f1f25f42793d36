using System.CommandLine;
using Research.Cluster;
using Research.Cli.Display;
using Research.Runs;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research submit slurm</c>: the run grid as a Slurm array job, and the report as a job after it.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var submit = new Command("submit", "Send the run grid of a profile to a cluster scheduler (see `research submit slurm --help`).");
        submit.Subcommands.Add(Slurm());
        return submit;
    }

    static Command Slurm()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var experiments = CommonOptions.ExperimentFilter("Only this experiment's runs, and a report of these experiments only (repeatable; default: all).");
        var noRobustness = CommonOptions.NoRobustness();
        var partition = new Option<string?>("--partition") { Description = "sbatch --partition for both jobs (default: the cluster's)." };
        var time = new Option<string?>("--time") { Description = "sbatch --time per array task, e.g. 2:00:00 (default: the partition's)." };
        var mem = new Option<string?>("--mem") { Description = "sbatch --mem per array task, e.g. 4G (default: the partition's). The full profile's largest run peaks near 3 GiB." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Cores per array task; each task trains this many runs at once (one thread each). [default: 1]", DefaultValueFactory = _ => 1 };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many array tasks at once (sbatch --array=…%N)." };
        var tasks = new Option<int?>("--tasks") { Description = $"Array tasks (default: one per run to train, up to {SlurmJob.DefaultMaxTasks})." };
        var folder = new Option<DirectoryInfo?>("--folder") { Description = "Where the scripts, plan.json and logs go (default: slurm/<profile>-<time> beside the run cache). Must be on the shared filesystem." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where the report job writes the report (default: reports/<profile>)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the scripts and print them; submit nothing." };
        var command = new Command("slurm",
            """
            Submit the run grid of a profile to Slurm: an array job whose tasks each run `research worker` on
            their share of the plan (balanced by expected cost), then a report job that starts when every task
            has succeeded (--dependency=afterok) and writes the report from the shared run cache. The run cache
            ($RESEARCH_CACHE), the data ($RESEARCH_DATA), this build and experiments.yaml must be on a filesystem
            every node mounts. Submitting again after a cancelled or failed task trains only what is missing.

            Examples:
              research submit slurm --profile full --partition cpu --time 2:00:00 --mem 4G
              research submit slurm --profile full --cpus-per-task 2 --max-parallel 8
              research submit slurm --profile ci --experiment fit-sinc --dry-run
            Follow:  squeue -u $USER   ·   tail -f <folder>/logs/worker-0.out   ·   scancel <job id>
            """) { spec, profile, experiments, noRobustness, partition, time, mem, cpus, maxParallel, tasks, folder, output, dryRun };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            if (!parse.GetValue(dryRun)) SlurmJob.RequireSbatch();
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var p = parse.GetValue(profile);
            var only = CommonOptions.Experiments(engine.Spec, parse.GetValue(experiments));
            var robustness = !parse.GetValue(noRobustness);
            var plan = RunPlan.Build(engine.Spec, p, engine.Cache, only, robustness);
            var file = PlanFile.Of(plan, engine.Spec, only, robustness);
            var missing = file.Runs.Count(r => !r.Cached);
            var profileName = p.ToString().ToLowerInvariant();
            // The tasks read MNIST from the same path: a missing folder fails here, not in every task.
            if (plan.Runs.Any(r => engine.Spec.DatasetOf(plan.SpecOf(r)).Kind == Research.Specs.DatasetKind.Mnist) && !Directory.Exists(engine.Paths.Mnist))
                throw new Research.Data.DataException(engine.Paths.Mnist, "the MNIST folder the array tasks would read does not exist",
                    $"Run ./build.sh data (it fetches MNIST into data/mnist), or set {Research.IO.RepoPaths.DataVariable} to a folder holding the four IDX files, on the shared filesystem");
            Directory.CreateDirectory(engine.Cache.Root);
            var cacheRoot = Path.GetFullPath(engine.Cache.Root);
            var jobFolder = parse.GetValue(folder)?.FullName
                            ?? Path.Combine(Path.GetDirectoryName(cacheRoot.TrimEnd('/'))!, "slurm", $"{profileName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            var specPath = Path.GetFullPath(engine.Spec.SourcePath!);
            var scope = (only ?? []).SelectMany(e => new[] { "--experiment", e });
            var reportArguments = new List<string> { "--spec", specPath, "--profile", profileName };
            reportArguments.AddRange(scope);
            if (!robustness) reportArguments.Add("--no-robustness");
            if (parse.GetValue(output) is { } o) reportArguments.AddRange(["--out", o.FullName]);
            var environment = new Dictionary<string, string> { [Research.IO.RepoPaths.CacheVariable] = cacheRoot, [Research.IO.RepoPaths.DataVariable] = Path.GetFullPath(engine.Paths.Mnist) };
            foreach (var name in Research.Torch.Numerics.Switches)
                if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) environment[name] = value; // the runs' keys include them
            var options = new SlurmOptions
            {
                Partition = parse.GetValue(partition), Time = parse.GetValue(time), Mem = parse.GetValue(mem), CpusPerTask = Math.Max(1, parse.GetValue(cpus)),
                MaxParallel = parse.GetValue(maxParallel), Tasks = parse.GetValue(tasks),
            };
            var job = SlurmJob.Write(jobFolder, file, options, ResearchCommand(), ["--spec", specPath], reportArguments, environment, $"research-{profileName}");
            AnsiConsole.MarkupLine($"[bold]{profileName} profile[/]: {Words.Count(file.Runs.Count, "run")}, {missing} to train ({PlanCommand.Duration(file.MissingSeconds)} of work expected) in " +
                                   $"{Words.Count(job.Tasks, "array task")}; scripts and plan in {Markup.Escape(job.Folder)}");
            if (parse.GetValue(dryRun))
            {
                foreach (var script in new[] { job.ArrayScript, job.ReportScript })
                {
                    AnsiConsole.MarkupLine($"[grey]── {Markup.Escape(script)}[/]");
                    Console.Out.Write(File.ReadAllText(script)); // as it is: Spectre would wrap long lines
                }
                AnsiConsole.MarkupLine($"Dry run: nothing submitted. To submit: [bold]sbatch --parsable {Markup.Escape(job.ArrayScript)}[/], then " +
                                       $"[bold]sbatch --dependency=afterok:<its id> {Markup.Escape(job.ReportScript)}[/].");
                return 0;
            }
            if (missing == 0)
            {
                AnsiConsole.MarkupLine($"Every run is already in {Markup.Escape(cacheRoot)}: nothing to submit. Write the report with [bold]research report --profile {profileName}[/].");
                return 0;
            }
            var (arrayJob, reportJob) = job.Submit();
            AnsiConsole.MarkupLine($"Submitted array job [bold]{arrayJob}[/] ({Words.Count(job.Tasks, "task")}) and report job [bold]{reportJob}[/] (after it succeeds).");
            AnsiConsole.MarkupLine($"Follow: [bold]squeue -j {arrayJob},{reportJob}[/] · logs in {Markup.Escape(Path.Combine(job.Folder, "logs"))} · " +
                                   $"cancel: [bold]scancel {arrayJob} {reportJob}[/] (finished runs stay cached; submit again to train the rest).");
            return 0;
        })));
        return command;
    }

    /// <summary>How a compute node starts this same build: `dotnet research.dll` (or the app host).</summary>
    static string ResearchCommand()
    {
        var dll = typeof(SubmitCommand).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? $"{SlurmJob.Quote(host)} {SlurmJob.Quote(dll)}"
            : SlurmJob.Quote(host);
    }
}
