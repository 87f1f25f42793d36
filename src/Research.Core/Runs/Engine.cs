using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Research.Data;
using Research.Specs;
using Research.Torch;
using Research.Training;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Runs;

/// <summary>
/// The one engine behind both front doors (the CLI and the tests): run an experiment's model from a
/// seed, or take it from the run cache. Within a process a run trains at most once, however many
/// callers ask for it at the same time.
/// </summary>
public sealed class Engine
{
    readonly ConcurrentDictionary<string, Lazy<RunResult?>> _inFlight = new();
    readonly Trainer _trainer = new();

    public Engine(ResearchSpec spec, RepoPaths paths)
    {
        Spec = spec;
        Paths = paths;
        Data = new DataFactory(paths.Mnist);
        Cache = new RunCache(paths.Cache);
        Analyses = new AnalysisCache(Cache);
    }

    Engine(Engine parent, ResearchSpec spec)
    {
        Spec = spec;
        Paths = parent.Paths;
        Data = parent.Data;
        Cache = parent.Cache;
        Analyses = parent.Analyses;
        _trainer = parent._trainer;
        _inFlight = parent._inFlight;
    }

    /// <summary>
    /// This engine's spec loaded again with more <c>--set</c> assignments (a choice's alternative), sharing the data,
    /// the run cache and the runs in flight: a run both specs define alike is trained once.
    /// </summary>
    public Engine With(IReadOnlyList<string> assignments) => new(this, SpecLoader.LoadWith(Spec, assignments));

    public ResearchSpec Spec { get; }
    public RepoPaths Paths { get; }
    public DataFactory Data { get; }
    public RunCache Cache { get; }
    /// <summary>Analysis results over this engine's runs, memoised like the runs.</summary>
    public AnalysisCache Analyses { get; }

    /// <summary>Loads experiments.yaml from the repository (with optional <c>--set</c> assignments).</summary>
    public static Engine FromRepository(IReadOnlyList<string>? assignments = null, RepoPaths? paths = null)
    {
        paths ??= RepoPaths.Discover();
        return new Engine(SpecLoader.Load(paths.Spec, assignments), paths);
    }

    public RunResult Run(ExperimentSpec e, string model, int seed, IRunObserver? observer = null, CancellationToken cancel = default) =>
        Run(e, model, seed, observer, cancel, wait: true)!;

    /// <summary>
    /// As <see cref="Run(ExperimentSpec, string, int, IRunObserver?, CancellationToken)"/>, but when another process
    /// holds the run's lock (it is training it) returns null at once instead of waiting, so that a queue's worker
    /// takes the next run (<see cref="RunQueue.Drain"/>).
    /// </summary>
    public RunResult? TryRun(ExperimentSpec e, string model, int seed, IRunObserver? observer = null, CancellationToken cancel = default) =>
        Run(e, model, seed, observer, cancel, wait: false);

    RunResult? Run(ExperimentSpec e, string model, int seed, IRunObserver? observer, CancellationToken cancel, bool wait)
    {
        var dataset = Spec.DatasetOf(e);
        var key = RunKey.For(e, dataset, model, seed);
        var path = Cache.PathOf(e.Id, model, seed, key);
        var id = new RunId(e.Id, model, seed, key);
        var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<RunResult?>(() =>
        {
            if (Cached() is { } cached) return cached;
            // Another process may be training this very run: wait for it, then take its result (or, not waiting, leave it to it).
            using var runLock = wait ? RunLock.Acquire(path + ".lock", () => observer?.OnWaiting(id), cancel) : RunLock.TryAcquire(path + ".lock");
            if (runLock is null) return null;
            if (Cached() is { } theirs) return theirs;
            var data = Data.Get(dataset, e.TrainSamples, e.TestSamples);
            var commit = GitInfo.Commit(Paths.Root); // before training, not when a run of hours finishes (GitInfo)
            var checkpoint = path + ".ckpt";
            // A shorter run of the same trajectory has trained this run's first epochs: start where it stopped.
            var continuation = Continuation.Of(Cache, e, dataset, model, seed);
            // The epoch a continuation started from, kept beside its checkpoint: a continuation interrupted and taken up
            // again still says it continued (Provenance.ContinuedFrom), rather than passing for a resumption.
            var from = checkpoint + ".from";
            int? continuedFrom = File.Exists(checkpoint) && File.Exists(from)
                && int.TryParse(File.ReadAllText(from), NumberStyles.None, CultureInfo.InvariantCulture, out var started) ? started : null;
            if (!File.Exists(checkpoint) && continuation?.Longest() is { } shorter)
            {
                AtomicFile.Write(from, Encoding.UTF8.GetBytes(shorter.Epoch.ToString(CultureInfo.InvariantCulture)), RepoPaths.CacheVariable, Cache.Root);
                AtomicFile.Write(checkpoint, File.ReadAllBytes(shorter.Path), RepoPaths.CacheVariable, Cache.Root);
                continuedFrom = shorter.Epoch;
            }
            void DropCheckpoint()
            {
                TrainingCheckpoint.Delete(checkpoint);
                TrainingCheckpoint.Delete(from);
            }
            TrainedRun Train() => _trainer.Train(e, dataset, model, seed, data, KeyedObserver.Of(observer, key, continuedFrom), cancel, checkpoint, continuation?.FinalState);
            TrainedRun trained;
            try
            {
                trained = Train();
            }
            catch (InvalidDataException) when (File.Exists(checkpoint))
            {
                // A checkpoint that does not fit the model (left by an interrupted, broken process) is not
                // worth a failed run: drop it and train from the start.
                DropCheckpoint();
                continuedFrom = null;
                trained = Train();
            }
            var result = trained.WithProvenance(Provenance(key, data, e, model, trained.WallSeconds, commit) with
            {
                ContinuedFrom = continuedFrom,
                ResumedAt = trained.StartedAt == continuedFrom ? null : trained.StartedAt, // starting from the shorter run is not a resumption
            });
            Cache.Write(path, result, trained.Weights);
            DropCheckpoint();
            return result;
        }));

        RunResult? Cached()
        {
            if (Cache.TryRead(path) is not { } cached) return null;
            observer?.OnCached(id);
            return cached with { Profile = e.Profile.ToString().ToLowerInvariant() };
        }
        try
        {
            var result = lazy.Value;
            if (result is null)
            {
                _inFlight.TryRemove(KeyValuePair.Create(key, lazy)); // left to another process: ask again next time
                return null;
            }
            observer?.OnFinished(result);
            return result;
        }
        catch
        {
            _inFlight.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Every model of the experiment from every seed of its profile.</summary>
    public IReadOnlyList<RunResult> RunAll(ExperimentSpec e, IRunObserver? observer = null, CancellationToken cancel = default) =>
        RunMany(e, e.Models.Keys.SelectMany(m => e.Seeds.Select(s => (m, s))), observer, cancel);

    /// <summary>
    /// Several runs of one experiment, as many at once as the cores allow (cores ÷ threads per run), in
    /// the order given. Runs that cannot share the process (see <see cref="Trainer.CanShareProcess"/>)
    /// still train one at a time; results are the same either way.
    /// </summary>
    public IReadOnlyList<RunResult> RunMany(ExperimentSpec e, IEnumerable<(string Model, int Seed)> runs, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var list = runs.ToList();
        var results = new RunResult[list.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / e.Threads), CancellationToken = cancel };
        try
        {
            Parallel.For(0, list.Count, options, i => results[i] = Run(e, list[i].Model, list[i].Seed, observer, cancel));
        }
        catch (AggregateException all) when (all.InnerExceptions.Count >= 1)
        {
            // Surface the first failure as itself, so callers see a DataException or a cancellation, not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(all.InnerExceptions[0]).Throw();
        }
        return results;
    }

    /// <summary>The weight snapshots stored beside a cached run (null when the run recorded none).</summary>
    public IReadOnlyList<float[]>? Weights(RunResult result) =>
        Cache.ReadWeights(Cache.PathOf(result.Experiment, result.Model, result.Seed, result.Provenance.RunKey));

    Provenance Provenance(string key, TrainingData data, ExperimentSpec e, string model, double wallSeconds, string commit) => new()
    {
        SpecSha256 = Spec.Sha256,
        RunKey = key,
        DataChecksum = data.Checksum,
        EngineVersion = RunKey.EngineVersionOf(e.Models[model]),
        TorchSharpVersion = TorchRuntime.TorchSharpVersion,
        LibTorchVersion = TorchRuntime.LibTorchVersion,
        Threads = e.Threads,
        Cpu = TorchRuntime.Cpu,
        Numerics = Research.Torch.Numerics.Mode,
        NumericsFingerprint = Research.Torch.Numerics.Fingerprint,
        Os = TorchRuntime.Os,
        GitCommit = commit,
        CreatedUtc = DateTime.UtcNow,
        WallSeconds = wallSeconds,
        PeakResidentBytes = ProcessMemory.PeakResident,
    };
}
