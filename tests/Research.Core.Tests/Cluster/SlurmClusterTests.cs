using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Research.IO;
using Research.Runs;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Cluster;

/// <summary>
/// A one-node Slurm on this host (build/slurm-local.sh: installed with apt if missing, started here, stopped by the
/// process ids it started), shared by the tests of <see cref="SlurmClusterTests"/>. When Slurm cannot start here the
/// reason is kept, and each test is reported as skipped with it: never passed silently.
/// </summary>
public sealed class LocalSlurm : IDisposable
{
    public string State { get; } = TestSpecs.TempDir();
    public string? Unavailable { get; }
    public string Conf => Path.Combine(State, "slurm.conf");

    public LocalSlurm()
    {
        var (exit, output) = SlurmClusterTests.Shell("bash", [Script, "start", State], new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        if (exit != 0) Unavailable = $"build/slurm-local.sh start exited {exit}: {output.Trim()}";
    }

    static string Script => Path.Combine(TestSpecs.RepoRoot, "build", "slurm-local.sh");

    /// <summary>The last lines of slurmctld's and slurmd's logs: what a failed test shows of the cluster's side.</summary>
    public string Tail(int lines = 15) => string.Join("\n", new[] { "slurmctld.log", "slurmd.log" }.Select(name =>
    {
        var path = Path.Combine(State, "log", name);
        return File.Exists(path) ? $"{name}:\n" + string.Join("\n", File.ReadLines(path).TakeLast(lines)) : $"{name}: (none)";
    }));

    public void Dispose() => SlurmClusterTests.Shell("bash", [Script, "stop", State], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
}

/// <summary>Issue 17: the ci grid of two experiments as a real Slurm array job, its report as a dependent job, and a cancelled task.</summary>
public sealed class SlurmClusterTests(LocalSlurm slurm) : IClassFixture<LocalSlurm>
{
    static readonly string[] TwoExperiments = ["--experiment", "fit-sinc", "--experiment", "gradient-norm"];

    void RequireSlurm()
    {
        if (slurm.Unavailable is { } why) Assert.Skip($"Slurm cannot be started on this machine, so the cluster test did not run: {why}");
    }

    [Fact]
    public void TheCiGridRunsAsAnArrayJobIntoTheSharedCacheBitIdenticalToALocalRunThenTheReport()
    {
        RequireSlurm();
        var dir = TestSpecs.TempDir();
        var shared = Path.Combine(dir, "shared-cache");
        var env = Environment(shared);
        var watch = Stopwatch.StartNew();
        var (exit, output) = Research(env, ["submit", "slurm", "--profile", "ci", .. TwoExperiments, "--tasks", "2", "--folder", Path.Combine(dir, "job"), "--out", Path.Combine(dir, "report")]);
        exit.Should().Be(0, output);
        var (arrayJob, reportJob) = JobIds(output);
        WaitFor(env, [arrayJob, reportJob], TimeSpan.FromMinutes(10));
        State(env, reportJob).Should().Be("COMPLETED", $"the report job runs after every task succeeded; its log: {Log(dir, "report.out")}");
        var elapsed = watch.Elapsed;

        var engine = TestSpecs.EngineOverRepository(); // the suite's own run cache: the same runs trained (or read) in this process
        var plan = RunPlan.Build(engine.Spec, Profile.Ci, new RunCache(shared), ["fit-sinc", "gradient-norm"]);
        plan.Runs.Should().HaveCountGreaterThan(20).And.OnlyContain(r => r.Cached, "every run of the grid is in the shared cache");
        foreach (var run in plan.Runs)
        {
            var local = engine.Run(plan.SpecOf(run), run.Model, run.Seed, cancel: TestContext.Current.CancellationToken);
            var localPath = engine.Cache.PathOf(run.Experiment, run.Model, run.Seed, run.Key);
            Numbers(run.CachePath).Should().Be(Numbers(localPath), $"{run.Name} trained on Slurm is bit-identical to the local run");
            var weights = Path.ChangeExtension(run.CachePath, ".weights.bin");
            if (File.Exists(weights))
                File.ReadAllBytes(weights).Should().Equal(File.ReadAllBytes(Path.ChangeExtension(localPath, ".weights.bin")), $"{run.Name}'s weights");
            local.Provenance.RunKey.Should().Be(run.Key);
        }
        File.Exists(Path.Combine(dir, "report", "REPORT.md")).Should().BeTrue("the dependent job wrote the report");
        File.ReadAllText(Path.Combine(dir, "report", "REPORT.md")).Should().Contain("fit-sinc").And.Contain("gradient-norm");
        TestContext.Current.SendDiagnosticMessage($"Slurm: the ci grid of fit-sinc and gradient-norm ({plan.Runs.Count} runs, 2 tasks) and its report took {elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public void ACancelledTaskLeavesNoPartialResultAndSubmittingAgainTrainsOnlyWhatIsMissing()
    {
        RequireSlurm();
        var dir = TestSpecs.TempDir();
        // A copy of experiments.yaml whose ci random-labels trains long enough (200 short epochs, ~40 s) to be cancelled mid-run.
        var spec = Path.Combine(dir, RepoPaths.SpecFileName);
        var yaml = File.ReadAllText(Path.Combine(TestSpecs.RepoRoot, RepoPaths.SpecFileName));
        const string ci = "ci: { seeds: [1], max_epochs: 30, train_samples: 6000, test_samples: 2000 }";
        yaml.Should().Contain(ci, "the test lengthens random-labels' ci runs");
        File.WriteAllText(spec, yaml.Replace(ci, ci.Replace("max_epochs: 30", "max_epochs: 200")));
        var shared = Path.Combine(dir, "shared-cache");
        var env = Environment(shared);
        string[] submit = ["submit", "slurm", "--spec", spec, "--profile", "ci", "--experiment", "random-labels", "--no-robustness", "--tasks", "1", "--out", Path.Combine(dir, "report")];

        var (exit, output) = Research(env, [.. submit, "--folder", Path.Combine(dir, "job-1")]);
        exit.Should().Be(0, output);
        var (arrayJob, reportJob) = JobIds(output);
        var log = Path.Combine(dir, "job-1", "logs", "worker-0.out");
        WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains("epoch 20/200"), TimeSpan.FromMinutes(5), $"the worker reaches epoch 20 ({log})");
        Shell("scancel", [arrayJob, reportJob], env, TimeSpan.FromSeconds(30)).Exit.Should().Be(0);
        WaitFor(env, [arrayJob, reportJob], TimeSpan.FromMinutes(2));

        var cache = new RunCache(shared);
        var spec1 = global::Research.Specs.Loading.SpecLoader.Load(spec);
        var plan = RunPlan.Build(spec1, Profile.Ci, cache, ["random-labels"], robustness: false);
        var interrupted = plan.Runs.Where(r => !r.Cached).ToList();
        interrupted.Should().NotBeEmpty("the task was cancelled before its runs finished");
        foreach (var run in interrupted) File.Exists(run.CachePath).Should().BeFalse($"{run.Name} was interrupted: no result, not even a partial one");
        Directory.EnumerateFiles(shared, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("no half-written file is left");
        Directory.EnumerateFiles(shared, "*.json", SearchOption.AllDirectories).Where(f => RunCache.TryReadJson<JsonNode>(f) is null).Should().BeEmpty("every result there is complete");

        (exit, output) = Research(env, [.. submit, "--folder", Path.Combine(dir, "job-2")]);
        exit.Should().Be(0, output);
        output.Should().Contain($"{interrupted.Count} to train", "submitting again trains only what is missing");
        (arrayJob, reportJob) = JobIds(output);
        WaitFor(env, [arrayJob, reportJob], TimeSpan.FromMinutes(10));
        // Its verdicts are not the recorded ones (the runs are longer than ci's), so `research report` exits 1; it ran and wrote.
        var report = Log(dir, "report.out", "job-2");
        if (!report.Contains("Report written")) // the cluster's side is asked for only when it is needed to explain a failure
            report.Should().Contain("Report written",
                $"the report job ran after the task (task {State(env, arrayJob + "_0")}, report {State(env, reportJob)}); the task's log: {Log(dir, "worker-0.out", "job-2")}; " +
                $"the cancelled task's log: {Log(dir, "worker-0.out", "job-1")}; Slurm's logs: {slurm.Tail()}");
        RunPlan.Build(spec1, Profile.Ci, cache, ["random-labels"], robustness: false).Runs.Should().OnlyContain(r => r.Cached);
    }

    [Fact]
    public void ARefusedSubmissionSaysWhatSlurmSaid()
    {
        RequireSlurm();
        var dir = TestSpecs.TempDir();
        var (exit, output) = Research(Environment(Path.Combine(dir, "cache")), ["submit", "slurm", "--profile", "ci", "--experiment", "gradient-norm", "--partition", "no-such-partition", "--folder", Path.Combine(dir, "job")]);
        exit.Should().Be(6, output);
        output.Should().Contain("Cluster problem: sbatch refused array.sbatch").And.Contain("invalid partition");
    }

    [Fact]
    public void AMissingSbatchIsAClearErrorBeforeAnythingIsWritten()
    {
        var dir = TestSpecs.TempDir();
        var env = Environment(Path.Combine(dir, "cache"));
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Dotnet);
        env["PATH"] = bin; // dotnet, and no Slurm
        var (exit, output) = Research(env, ["submit", "slurm", "--profile", "ci", "--experiment", "gradient-norm", "--folder", Path.Combine(dir, "job")]);
        exit.Should().Be(6, output);
        output.Should().Contain("cannot run sbatch: Slurm's client is not installed on this host or not on PATH").And.Contain("--dry-run");
        Directory.Exists(Path.Combine(dir, "job")).Should().BeFalse();
    }

    Dictionary<string, string> Environment(string cache) => new()
    {
        [RepoPaths.CacheVariable] = cache, ["SLURM_CONF"] = slurm.Conf, ["COLUMNS"] = "250",
        [RepoPaths.DataVariable] = new RepoPaths(TestSpecs.RepoRoot).Mnist,
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
    };

    static string Numbers(string path)
    {
        var node = RunCache.TryReadJson<JsonObject>(path) ?? throw new FileNotFoundException(path);
        node.Remove("provenance");
        return node.ToJsonString();
    }

    static (string Array, string Report) JobIds(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"Submitted array job (\d+) .* report job (\d+)");
        match.Success.Should().BeTrue(output);
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    static void WaitFor(Dictionary<string, string> env, string[] jobs, TimeSpan timeout) =>
        WaitUntil(() => Shell("squeue", ["-h", "-j", string.Join(',', jobs)], env, TimeSpan.FromSeconds(30)).Output.Trim().Length == 0, timeout, $"jobs {string.Join(", ", jobs)} finish");

    static string State(Dictionary<string, string> env, string job)
    {
        var output = Shell("scontrol", ["show", "job", job], env, TimeSpan.FromSeconds(30)).Output;
        return System.Text.RegularExpressions.Regex.Match(output, @"JobState=(\w+)").Groups[1].Value;
    }

    static string Log(string dir, string name, string job = "job") =>
        File.Exists(Path.Combine(dir, job, "logs", name)) ? File.ReadAllText(Path.Combine(dir, job, "logs", name)) : "(no log)";

    static void WaitUntil(Func<bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for: {what}");
            Thread.Sleep(500);
        }
    }

    static string Dotnet { get; } =
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "/usr/bin/dotnet";

    static (int Exit, string Output) Research(Dictionary<string, string> env, string[] arguments) =>
        Shell(Dotnet, [TestSpecs.ResearchDll(), .. arguments], env, TimeSpan.FromMinutes(5));

    internal static (int Exit, string Output) Shell(string file, IEnumerable<string> arguments, Dictionary<string, string> env, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestSpecs.RepoRoot };
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
