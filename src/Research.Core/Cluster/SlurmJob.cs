using System.Diagnostics;
using System.Globalization;
using System.Text;
using Research.IO;
using Research.Runs;

namespace Research.Cluster;

/// <summary>What <c>research submit slurm</c> asks of the cluster (sbatch's own option names).</summary>
public sealed record SlurmOptions
{
    public string? Partition { get; init; }
    /// <summary>Per array task, in sbatch's format (e.g. 4:00:00); null: the partition's default.</summary>
    public string? Time { get; init; }
    /// <summary>Per array task (e.g. 4G); null: the partition's default.</summary>
    public string? Mem { get; init; }
    public int CpusPerTask { get; init; } = 1;
    /// <summary>At most this many array tasks at once (sbatch's <c>%N</c>); null: no limit.</summary>
    public int? MaxParallel { get; init; }
    /// <summary>Array tasks; null: one per missing run, up to 64.</summary>
    public int? Tasks { get; init; }
}

/// <summary>
/// A run grid as a Slurm job (issue 17): an array job whose tasks each run <c>research worker</c> on their share of a frozen
/// plan, and a report job that waits for it (<c>--dependency=afterok</c>) and writes the report from the shared cache.
/// </summary>
public sealed record SlurmJob(string Folder, string PlanPath, string ArrayScript, string ReportScript, int Tasks)
{
    public const int DefaultMaxTasks = 64;

    /// <summary>Writes plan.json, array.sbatch and report.sbatch into <paramref name="folder"/>.</summary>
    /// <param name="folder">The job's folder (its scripts, plan and logs); on the shared filesystem, so that every node reads the plan.</param>
    /// <param name="plan">The frozen plan the tasks split.</param>
    /// <param name="options">What to ask of the cluster.</param>
    /// <param name="name">The jobs' name (the report job adds "-report").</param>
    /// <param name="research">The command that starts <c>research</c> on a compute node, e.g. <c>dotnet /path/research.dll</c>.</param>
    /// <param name="workerArguments">What the worker is given besides the plan and the count (the spec).</param>
    /// <param name="reportArguments">The report's arguments (profile, experiments, output folder).</param>
    /// <param name="environment">Exported at the top of both scripts (RESEARCH_CACHE, RESEARCH_DATA).</param>
    public static SlurmJob Write(string folder, PlanFile plan, SlurmOptions options, string research, IReadOnlyList<string> workerArguments,
        IReadOnlyList<string> reportArguments, IReadOnlyDictionary<string, string> environment, string name)
    {
        var missing = plan.Runs.Count(r => !r.Cached);
        var tasks = Math.Max(1, Math.Min(options.Tasks ?? Math.Min(missing, DefaultMaxTasks), Math.Max(missing, 1)));
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var planPath = Path.Combine(folder, "plan.json");
        plan.Write(planPath);

        var array = new StringBuilder();
        Header(array, $"{name}", options, $"--array=0-{tasks - 1}{(options.MaxParallel is { } m ? $"%{m}" : "")}", Path.Combine(folder, "logs", "worker-%a.out"), environment);
        array.Append("# Each task trains its share of plan.json (balanced by cost) into the shared run cache; finished runs are skipped,\n")
             .Append("# so submitting again trains only what is missing.\n")
             .Append($"exec {research} worker {Join(workerArguments)} --plan {Quote(planPath)} --count {tasks}\n");
        var report = new StringBuilder();
        Header(report, $"{name}-report", options with { CpusPerTask = Math.Max(1, options.CpusPerTask) }, null, Path.Combine(folder, "logs", "report.out"), environment);
        report.Append($"exec {research} report {Join(reportArguments)}\n");

        var arrayPath = Path.Combine(folder, "array.sbatch");
        var reportPath = Path.Combine(folder, "report.sbatch");
        AtomicFile.Write(arrayPath, Encoding.UTF8.GetBytes(array.ToString()), "--folder", folder);
        AtomicFile.Write(reportPath, Encoding.UTF8.GetBytes(report.ToString()), "--folder", folder);
        return new SlurmJob(folder, planPath, arrayPath, reportPath, tasks);
    }

    static void Header(StringBuilder s, string name, SlurmOptions o, string? array, string output, IReadOnlyDictionary<string, string> environment)
    {
        s.Append("#!/bin/bash\n");
        s.Append($"#SBATCH --job-name={name}\n");
        if (array is not null) s.Append($"#SBATCH {array}\n");
        s.Append($"#SBATCH --cpus-per-task={o.CpusPerTask.ToString(CultureInfo.InvariantCulture)}\n");
        if (o.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (o.Time is { } t) s.Append($"#SBATCH --time={t}\n");
        if (o.Mem is { } m) s.Append($"#SBATCH --mem={m}\n");
        s.Append($"#SBATCH --output={output}\n");
        s.Append("set -euo pipefail\n");
        foreach (var (key, value) in environment) s.Append($"export {key}={Quote(value)}\n");
    }

    static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    /// <summary>A word for bash: as it is when it is plain, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+%@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>Submits the array job, then the report job after it; returns their job ids.</summary>
    /// <exception cref="ClusterException">sbatch is missing, or refused a job (its message is kept).</exception>
    public (string ArrayJob, string ReportJob) Submit(string sbatch = "sbatch")
    {
        var arrayJob = Sbatch(sbatch, ["--parsable", ArrayScript]);
        // A failed or cancelled task makes the dependency unsatisfiable: the report job is then cancelled, not left pending.
        var reportJob = Sbatch(sbatch, ["--parsable", $"--dependency=afterok:{arrayJob}", "--kill-on-invalid-dep=yes", ReportScript]);
        return (arrayJob, reportJob);
    }

    /// <summary>Fails with what to do when <paramref name="sbatch"/> is not a file here or on PATH (before anything is written).</summary>
    public static void RequireSbatch(string sbatch = "sbatch")
    {
        var found = sbatch.Contains('/') ? File.Exists(sbatch)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, sbatch)));
        if (!found) throw NotInstalled(sbatch);
    }

    static ClusterException NotInstalled(string sbatch) =>
        new($"cannot run {sbatch}: Slurm's client is not installed on this host or not on PATH. " +
            "Submit from a login node of the cluster, or use --dry-run to write the scripts only.");

    static string Sbatch(string sbatch, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(sbatch, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ClusterException($"{sbatch} did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw NotInstalled(sbatch);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new ClusterException($"sbatch refused {Path.GetFileName(arguments[^1])} (exit {process.ExitCode}): {error.Result.Trim()}");
            // --parsable prints "jobid" or "jobid;cluster".
            var id = output.Split(';')[0];
            if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new ClusterException($"sbatch printed no job id for {Path.GetFileName(arguments[^1])}: '{output}'");
            return id;
        }
    }
}

/// <summary>A cluster refused or could not be reached; the message says what to do.</summary>
public sealed class ClusterException(string message) : Exception(message);
