using System.Diagnostics;
using Research.Training;
using static System.FormattableString;

namespace Research.Reporting;

/// <summary>
/// What one invocation did, for <c>invocation.json</c> (never for the report itself, which must not
/// depend on it): which runs it trained, which it read from the run cache, and how long it took.
/// Observe through <see cref="Tee"/> to keep another observer (the CLI's progress) informed too.
/// </summary>
public sealed class RunLog : IRunObserver
{
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly HashSet<RunId> _trained = [], _cached = [], _resumed = [], _waited = [];

    /// <summary>When this invocation started (its clock starts with the log).</summary>
    public DateTime StartedUtc { get; } = DateTime.UtcNow;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Runs trained (or finished from a checkpoint) by this invocation.</summary>
    public IReadOnlySet<RunId> Trained { get { lock (_trained) return _trained.ToHashSet(); } }

    /// <summary>Runs read from the run cache, including those another process trained while this one waited.</summary>
    public IReadOnlySet<RunId> Cached { get { lock (_trained) return _cached.ToHashSet(); } }

    /// <summary>Runs that continued from a checkpoint of an interrupted earlier attempt.</summary>
    public IReadOnlySet<RunId> Resumed { get { lock (_trained) return _resumed.ToHashSet(); } }

    /// <summary>Runs another process was training when this one asked for them.</summary>
    public IReadOnlySet<RunId> Waited { get { lock (_trained) return _waited.ToHashSet(); } }

    /// <summary>An observer that tells both this log and <paramref name="other"/> (if any).</summary>
    public IRunObserver Tee(IRunObserver? other) => other is null ? this : new Both(this, other);

    public void OnEpoch(in RunProgress progress)
    {
        var id = new RunId(progress.Experiment, progress.Model, progress.Seed);
        lock (_trained) _trained.Add(id);
    }

    public void OnCached(string experiment, string model, int seed)
    {
        lock (_trained) _cached.Add(new RunId(experiment, model, seed));
    }

    /// <summary>Runs this invocation trained in other processes (reproduce's queue workers): trained, though this process reads them from the cache.</summary>
    public void TrainedElsewhere(IEnumerable<RunId> runs)
    {
        lock (_trained) _trained.UnionWith(runs);
    }

    public void OnResumed(string experiment, string model, int seed, int epoch)
    {
        lock (_trained) _resumed.Add(new RunId(experiment, model, seed));
    }

    public void OnWaiting(string experiment, string model, int seed)
    {
        lock (_trained) _waited.Add(new RunId(experiment, model, seed));
    }

    sealed class Both(IRunObserver first, IRunObserver second) : IRunObserver
    {
        public void OnEpoch(in RunProgress progress)
        {
            first.OnEpoch(progress);
            second.OnEpoch(progress);
        }

        public void OnCached(string experiment, string model, int seed)
        {
            first.OnCached(experiment, model, seed);
            second.OnCached(experiment, model, seed);
        }

        public void OnWaiting(string experiment, string model, int seed)
        {
            first.OnWaiting(experiment, model, seed);
            second.OnWaiting(experiment, model, seed);
        }

        public void OnFinished(RunResult result)
        {
            first.OnFinished(result);
            second.OnFinished(result);
        }

        public void OnResumed(string experiment, string model, int seed, int epoch)
        {
            first.OnResumed(experiment, model, seed, epoch);
            second.OnResumed(experiment, model, seed, epoch);
        }
    }
}

/// <summary>One run: experiment, model, seed.</summary>
public readonly record struct RunId(string Experiment, string Model, int Seed)
{
    public override string ToString() => Invariant($"{Experiment}/{Model}/seed{Seed}");
}
