using System.Diagnostics;
using Research.Training;

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
        lock (_trained) _trained.Add(progress.Run);
    }

    public void OnCached(RunId run)
    {
        lock (_trained) _cached.Add(run);
    }

    /// <summary>Runs this invocation trained in other processes (reproduce's queue workers): trained, though this process reads them from the cache.</summary>
    public void TrainedElsewhere(IEnumerable<RunId> runs)
    {
        lock (_trained) _trained.UnionWith(runs);
    }

    public void OnResumed(RunId run, int epoch)
    {
        lock (_trained) _resumed.Add(run);
    }

    public void OnWaiting(RunId run)
    {
        lock (_trained) _waited.Add(run);
    }

    sealed class Both(IRunObserver first, IRunObserver second) : IRunObserver
    {
        public void OnEpoch(in RunProgress progress)
        {
            first.OnEpoch(progress);
            second.OnEpoch(progress);
        }

        public void OnCached(RunId run)
        {
            first.OnCached(run);
            second.OnCached(run);
        }

        public void OnWaiting(RunId run)
        {
            first.OnWaiting(run);
            second.OnWaiting(run);
        }

        public void OnFinished(RunResult result)
        {
            first.OnFinished(result);
            second.OnFinished(result);
        }

        public void OnResumed(RunId run, int epoch)
        {
            first.OnResumed(run, epoch);
            second.OnResumed(run, epoch);
        }

        public void OnContinued(RunId run, int epoch)
        {
            first.OnContinued(run, epoch);
            second.OnContinued(run, epoch);
        }
    }
}
