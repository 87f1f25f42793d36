using FluentAssertions;
using Research.Cluster;
using Research.IO;
using Research.Runs;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Cluster;

/// <summary>The run grid as data, its split between workers, the worker's checks and the cache merge (issue 17), without a cluster.</summary>
public class RunPlanTests
{
    [Fact]
    public void SharesAreDisjointCoverEveryRunAndAreBalancedByCost()
    {
        double[] seconds = [50, 40, 30, 20, 20, 10, 5, 5, 1, 1];
        var shares = RunPlan.Shares(seconds, 3);
        shares.SelectMany(s => s).Order().Should().Equal(Enumerable.Range(0, seconds.Length), "every run in exactly one share");
        var loads = shares.Select(s => s.Sum(i => seconds[i])).ToList();
        (loads.Max() - loads.Min()).Should().BeLessThanOrEqualTo(seconds.Max(), "longest first, each to the lightest share");
        loads.Max().Should().BeLessThanOrEqualTo(seconds.Sum() / 3 + 10, "within the longest-processing-time bound of the ideal 60.67");
        RunPlan.Shares(seconds, 3).Should().BeEquivalentTo(shares, o => o.WithStrictOrdering(), because: "the same costs split the same way on every host");
        RunPlan.Shares(seconds, 20).Count(s => s.Count == 0).Should().Be(10, "more shares than runs: the rest are empty");
        RunPlan.Shares([0, 0, 0, 0], 2).Select(s => s.Count).Should().Equal([2, 2], "runs of no known cost are still split by number");
    }

    [Fact]
    public void ThePlanHoldsEveryRunOnceWithItsCacheStateAndAFileSplitsWhatWasMissing()
    {
        var dir = TestSpecs.TempDir();
        var engine = TestSpecs.Engine(TestSpecs.Fit(), Path.Combine(dir, "cache"));
        var e = engine.Spec.Experiment("tiny-fit", Profile.Ci);
        engine.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);

        var plan = RunPlan.Build(engine.Spec, Profile.Ci, engine.Cache);
        plan.Runs.Should().HaveCount(2, "one model × two seeds; the three variants of an experiment without variants are one run each");
        plan.Runs.Select(r => r.Key).Should().OnlyHaveUniqueItems();
        plan.Runs.Single(r => r.Seed == 1).Should().Match<PlannedRun>(r => r.Cached && r.CostSource == CostSource.Cached && File.Exists(r.CachePath));
        var missing = plan.Runs.Single(r => r.Seed == 2);
        missing.Cached.Should().BeFalse();
        missing.CostSource.Should().Be(CostSource.Measured, "seed 1 of the same model is cached: its time per epoch and sample");
        missing.Seconds.Should().BeApproximately(plan.Runs.Single(r => r.Seed == 1).Seconds, 1e-9, "same profile, same budget");

        var file = PlanFile.Of(plan, engine.Spec, null, robustness: true);
        var path = Path.Combine(dir, "plan.json");
        file.Write(path);
        var read = PlanFile.Read(path);
        read.Runs.Should().BeEquivalentTo(file.Runs);
        read.Share(0, 2).Select(r => r.Seed).Should().Equal(2);
        read.Share(1, 2).Should().BeEmpty("only the runs missing when the plan was made are split");
        Worker.Resolve(read, plan, 0, 2).Single().Key.Should().Be(missing.Key);

        var other = TestSpecs.Engine(TestSpecs.Fit(optimizer: "{ kind: adam, lr: 0.02 }"), Path.Combine(dir, "cache"));
        var act = () => Worker.Resolve(read, RunPlan.Build(other.Spec, Profile.Ci, other.Cache), 0, 2);
        act.Should().Throw<InvalidDataException>().WithMessage("*does not define*another spec*research plan --json*");
        FluentActions.Invoking(() => read.Share(2, 2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0 to count − 1*");
        FluentActions.Invoking(() => PlanFile.Read(Path.Combine(dir, "nope.json"))).Should().Throw<FileNotFoundException>().WithMessage("*nope.json*research plan --json*");
    }

    [Fact]
    public void ARunIsNamedByTheFirstSettingThatNeedsItUnlessItIsTheAsWrittenOne()
    {
        // experiments.yaml's ci plan: one seed of cnn-depth's CNN-3 is four runs (as written, harness, as run, CNN-1's front),
        // which a progress line must tell apart.
        var spec = Research.Specs.Loading.SpecLoader.Load(new RepoPaths(TestSpecs.RepoRoot).Spec);
        var plan = RunPlan.Build(spec, Profile.Ci, new RunCache(Path.Combine(TestSpecs.TempDir(), "cache")), ["cnn-depth"]);
        var cnn3 = plan.Runs.Where(r => r is { Model: "cnn-3", Seed: 1 }).ToList();
        cnn3.Select(r => plan.SettingOf(r.Key)).Should().BeEquivalentTo([null, "harness", "cnn-3-front: cnn-1-front", "as_run"]);
        cnn3.Single(r => plan.SettingOf(r.Key) is null).Settings.Should().StartWith("as_written").And.Contain("training-metric-mode: eval-after-epoch",
            "a run the default and an alternative share is the as-written run");
        plan.SettingOf("not-a-key").Should().BeNull("a run outside the plan is named as it is");
        cnn3.Select(r => r.Label).Should().Contain("cnn-depth cnn-3 seed 1 [cnn-3-front: cnn-1-front]").And.Contain("cnn-depth cnn-3 seed 1");
        RunPlan.SettingNames(spec, Profile.Ci).Should().Contain(cnn3.Select(r => new KeyValuePair<string, string?>(r.Key, r.Setting)),
            "the progress display's names, found without reading the cache, are the plan's");
    }

    [Fact]
    public void QueueWorkersTrainEveryRunOnceAndSkipARunAnotherHolds()
    {
        var dir = TestSpecs.TempDir();
        var cache = Path.Combine(dir, "cache");
        var seeds = "seeds: [1, 2, 3, 4, 5, 6]";
        Engine Make() => TestSpecs.Engine(TestSpecs.Fit().Replace("seeds: [1, 2]", seeds), cache);
        var (a, b) = (Make(), Make()); // two engines share nothing but the cache folder, as two processes
        var plan = RunPlan.Build(a.Spec, Profile.Ci, a.Cache);
        var runs = plan.Missing.ToList();
        runs.Should().HaveCount(6);

        // A run whose lock another process holds is left to it, not waited for.
        var held = runs[0];
        Directory.CreateDirectory(Path.GetDirectoryName(held.CachePath)!);
        using (var other = RunLock.TryAcquire(held.CachePath + ".lock"))
        {
            other.Should().NotBeNull();
            RunLock.TryAcquire(held.CachePath + ".lock").Should().BeNull("it is held");
            a.TryRun(plan.SpecOf(held), held.Model, held.Seed, cancel: TestContext.Current.CancellationToken).Should().BeNull("another process is training it");
        }

        var cancel = TestContext.Current.CancellationToken;
        var took = new int[2];
        Parallel.Invoke(
            () => took[0] = RunQueue.Drain(a, plan, runs, cancel: cancel),
            () => took[1] = RunQueue.Drain(b, RunPlan.Build(b.Spec, Profile.Ci, b.Cache), runs, cancel: cancel));
        runs.Should().OnlyContain(r => a.Cache.TryRead(r.CachePath) != null, "the queue is drained");
        took.Sum().Should().BeInRange(6, 7, "each run is taken by one worker (one may find a run cached between its check and its lock)");
        RunPlan.Build(a.Spec, Profile.Ci, a.Cache).Missing.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, null, "7", "5", "10", null, 2, 10)]   // a Slurm array 5-14: task 7 is share 2
    [InlineData(null, null, "3", null, "4", null, 3, 4)]
    [InlineData(null, 6, null, null, null, "5", 5, 6)]      // a Kubernetes Indexed Job with --count
    [InlineData(1, 3, "7", "0", "10", null, 1, 3)]          // flags win
    public void TheShareComesFromTheFlagsElseTheSchedulersVariables(int? index, int? count, string? task, string? min, string? tasks, string? completion, int expectedIndex, int expectedCount)
    {
        var env = new Dictionary<string, string?>
        {
            ["SLURM_ARRAY_TASK_ID"] = task, ["SLURM_ARRAY_TASK_MIN"] = min, ["SLURM_ARRAY_TASK_COUNT"] = tasks, ["JOB_COMPLETION_INDEX"] = completion,
        };
        ShareIndex.Resolve(index, count, name => env.GetValueOrDefault(name)).Should().Be((expectedIndex, expectedCount));
    }

    [Fact]
    public void AShareThatCannotBeKnownSaysWhatToPass()
    {
        FluentActions.Invoking(() => ShareIndex.Resolve(null, null, _ => null)).Should().Throw<ArgumentException>()
            .WithMessage("which share? Pass --index i --count n*SLURM_ARRAY_TASK_ID*JOB_COMPLETION_INDEX*");
        FluentActions.Invoking(() => ShareIndex.Resolve(4, 4, _ => null)).Should().Throw<ArgumentException>().WithMessage("share 4 of 4 (from --index)*");
    }

    [Fact]
    public void AWorkerRefusesACacheFolderThatIsMissingOrUnwritableBeforeTraining()
    {
        var missing = Path.Combine(TestSpecs.TempDir(), "not-mounted");
        FluentActions.Invoking(() => Worker.CheckCacheFolder(missing)).Should().Throw<StorageException>()
            .WithMessage($"{missing}: the run cache folder does not exist on *Mount the shared folder*RESEARCH_CACHE*");
        Directory.Exists(missing).Should().BeFalse("a worker must not make a local folder where a shared one should be");
        // /proc takes no files, even from root (who can write anywhere a permission bit forbids).
        FluentActions.Invoking(() => Worker.CheckCacheFolder("/proc")).Should().Throw<StorageException>().WithMessage("/proc: cannot write here*RESEARCH_CACHE*");
    }

    [Fact]
    public void MergeCopiesCompleteResultsOnceAndSkipsBrokenOnes()
    {
        var dir = TestSpecs.TempDir();
        string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b"), target = Path.Combine(dir, "target");
        var first = TestSpecs.Engine(TestSpecs.Fit(), a);
        var e = first.Spec.Experiment("tiny-fit", Profile.Ci);
        var one = first.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
        var second = TestSpecs.Engine(TestSpecs.Fit(), b);
        second.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
        second.Run(e, "small", 2, cancel: TestContext.Current.CancellationToken);
        var broken = Path.Combine(b, "tiny-fit", "small", "seed9-0000000000000000.json");
        File.WriteAllText(broken, "truncated");

        var cache = new RunCache(target);
        var summary = CacheMerge.Merge(cache, [a, b]);
        summary.Copied.Should().Be(2, "seed 1 from a, seed 2 from b");
        summary.Present.Should().Be(1, "b's seed 1 is byte for byte a's");
        summary.Invalid.Should().Equal(broken);
        var path = cache.PathOf("tiny-fit", "small", 1, one.Provenance.RunKey);
        cache.TryRead(path)!.Metrics.TrainLoss.Should().Equal(one.Metrics.TrainLoss);
        CacheMerge.Merge(cache, [a, b]).Copied.Should().Be(0, "merging again copies nothing");
        FluentActions.Invoking(() => CacheMerge.Merge(cache, [Path.Combine(dir, "nope")])).Should().Throw<DirectoryNotFoundException>().WithMessage("*nope: no such cache folder*");
    }

    [Fact]
    public void TheSlurmScriptsRunTheWorkerOnTheFrozenPlanThenTheReport()
    {
        var dir = TestSpecs.TempDir();
        var plan = new PlanFile
        {
            SpecSha256 = "x", Profile = "ci",
            Runs = [new PlanEntry("e", "m", 1, "k1", 10, "estimated", false, ["as_written"]), new PlanEntry("e", "m", 2, "k2", 10, "cached", true, ["as_written"])],
        };
        var job = SlurmJob.Write(Path.Combine(dir, "job"), plan, new SlurmOptions { Partition = "cpu", Time = "1:00:00", Mem = "4G", CpusPerTask = 2, MaxParallel = 3, Tasks = 8 },
            "dotnet /opt/research.dll", ["--spec", "/a b/experiments.yaml"], ["--profile", "ci"], new Dictionary<string, string> { ["RESEARCH_CACHE"] = "/shared/cache" }, "research-ci");
        job.Tasks.Should().Be(1, "no more tasks than runs to train");
        var array = File.ReadAllText(job.ArrayScript);
        array.Should().StartWith("#!/bin/bash\n").And.Contain("#SBATCH --array=0-0%3\n").And.Contain("#SBATCH --partition=cpu\n").And.Contain("#SBATCH --time=1:00:00\n")
            .And.Contain("#SBATCH --mem=4G\n").And.Contain("#SBATCH --cpus-per-task=2\n").And.Contain("export RESEARCH_CACHE=/shared/cache\n")
            .And.Contain($"exec dotnet /opt/research.dll worker --spec '/a b/experiments.yaml' --plan {job.PlanPath} --count 1\n");
        File.ReadAllText(job.ReportScript).Should().Contain("#SBATCH --job-name=research-ci-report\n").And.Contain("exec dotnet /opt/research.dll report --profile ci\n")
            .And.NotContain("--array");
        PlanFile.Read(job.PlanPath).Runs.Should().HaveCount(2);
        SlurmJob.Quote("it's").Should().Be("'it'\\''s'");
        FluentActions.Invoking(() => SlurmJob.RequireSbatch(Path.Combine(dir, "sbatch"))).Should().Throw<ClusterException>().WithMessage("cannot run *sbatch: Slurm's client is not installed*--dry-run*");
    }
}
