using Research.IO;
using Research.Training;

namespace Research.Runs;

/// <summary>
/// One worker of a cluster job (issue 17): trains its share of a frozen <see cref="PlanFile"/> into the shared run cache.
/// Finished runs are skipped and each run holds its lock while it trains, so workers on hosts sharing the folder
/// (and a resubmission after a cancelled task) never train a run twice, and an interrupted run leaves no result.
/// </summary>
public static class Worker
{
    /// <summary>
    /// Fails before anything trains when the cache folder is missing (a shared folder that is not mounted here: a
    /// worker must not fill a local folder of the same name) or not writable.
    /// </summary>
    public static void CheckCacheFolder(string root)
    {
        var host = Environment.MachineName;
        if (!Directory.Exists(root))
            throw new StorageException(root, $"the run cache folder does not exist on {host}",
                $"Mount the shared folder here, or point {RepoPaths.CacheVariable} at one every worker can reach (`research submit` creates it on the submitting host)",
                new DirectoryNotFoundException(root));
        var probe = Path.Combine(root, $".probe-{host}-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageException.Writing(root, e, RepoPaths.CacheVariable);
        }
    }

    /// <summary>
    /// The plan's runs of this share, matched to the spec they train under. A plan made from another experiments.yaml
    /// is refused: its keys would name other runs.
    /// </summary>
    public static IReadOnlyList<PlannedRun> Resolve(PlanFile file, RunPlan live, int index, int count)
    {
        var byKey = live.Runs.ToDictionary(r => r.Key);
        var share = file.Share(index, count);
        var missing = share.Where(r => !byKey.ContainsKey(r.Key)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"the plan names {IO.Counts.Of(missing.Count, "run")} this experiments.yaml does not define (first: {missing[0].Experiment} {missing[0].Model} seed {missing[0].Seed}): " +
                "it was made from another spec or engine version. Make the plan again with `research plan --json` (or submit again).");
        return share.Select(r => byKey[r.Key]).ToList();
    }

    /// <summary>Trains (or finds in the cache) every run of the share, <paramref name="parallel"/> at a time, longest first.</summary>
    public static IReadOnlyList<RunResult> Train(Engine engine, RunPlan plan, IReadOnlyList<PlannedRun> share, int parallel, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        CheckCacheFolder(engine.Cache.Root);
        var results = new RunResult[share.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancel };
        try
        {
            Parallel.For(0, share.Count, options, i => results[i] = engine.Run(plan.SpecOf(share[i]), share[i].Model, share[i].Seed, observer, cancel));
        }
        catch (AggregateException all) when (all.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(all.InnerExceptions[0]).Throw();
        }
        return results;
    }
}

/// <summary>
/// A queue over one plan that any number of processes sharing the run cache drain together (issue 16): each takes the
/// longest run that is neither cached nor being trained (its lock is free), trains it, and takes the next, so every
/// core stays busy until the last run, whatever the estimates said. <c>research reproduce</c> starts one worker
/// process per core on it; <c>research worker --queue</c> is one of them.
/// </summary>
public static class RunQueue
{
    /// <summary>Trains, one at a time, every run of <paramref name="runs"/> (longest first) that no other process has taken; returns how many it trained.</summary>
    public static int Drain(Engine engine, RunPlan plan, IReadOnlyList<PlannedRun> runs, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        Worker.CheckCacheFolder(engine.Cache.Root);
        int trained = 0;
        foreach (var run in runs)
        {
            cancel.ThrowIfCancellationRequested();
            if (engine.Cache.TryRead(run.CachePath) is not null) continue;
            if (engine.TryRun(plan.SpecOf(run), run.Model, run.Seed, observer, cancel) is not null) trained++;
        }
        return trained;
    }
}

/// <summary>Which share a worker takes: its flags, else the index variables of Slurm array jobs and Kubernetes Indexed Jobs.</summary>
public static class ShareIndex
{
    /// <summary>(index, count) from the flags or the environment; an error saying what to pass when neither gives both.</summary>
    /// <param name="index">--index, if given.</param>
    /// <param name="count">--count, if given (a plan made by submit passes it in the script).</param>
    /// <param name="environment">Read for SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN), SLURM_ARRAY_TASK_COUNT and JOB_COMPLETION_INDEX.</param>
    public static (int Index, int Count) Resolve(int? index, int? count, Func<string, string?> environment)
    {
        int? Read(string name) => int.TryParse(environment(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        string from = "--index";
        if (index is null && Read("SLURM_ARRAY_TASK_ID") is { } task)
        {
            index = task - (Read("SLURM_ARRAY_TASK_MIN") ?? 0);
            from = "SLURM_ARRAY_TASK_ID";
        }
        else if (index is null && Read("JOB_COMPLETION_INDEX") is { } completion)
        {
            index = completion;
            from = "JOB_COMPLETION_INDEX";
        }
        count ??= Read("SLURM_ARRAY_TASK_COUNT");
        if (index is null || count is null)
            throw new ArgumentException(
                "which share? Pass --index i --count n (0 ≤ i < n), or run as a Slurm array task (SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) " +
                "or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --count set to the job's completions)");
        if (count < 1 || index < 0 || index >= count)
            throw new ArgumentException($"share {index} of {count} (from {from}): the index runs from 0 to count − 1");
        return (index.Value, count.Value);
    }
}
