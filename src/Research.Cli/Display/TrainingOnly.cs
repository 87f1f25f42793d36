using Research.Training;

namespace Research.Cli.Display;

/// <summary>
/// Passes on progress of runs that actually train, and nothing about runs read from the cache: the
/// report asks for every run several times (results, claims, figures), which would print each cached
/// run over and over.
/// </summary>
internal sealed class TrainingOnly(IRunObserver inner) : IRunObserver
{
    readonly HashSet<RunId> _training = [];

    public void OnEpoch(in RunProgress progress)
    {
        lock (_training) _training.Add(progress.Run);
        inner.OnEpoch(progress);
    }

    public void OnWaiting(RunId run) => inner.OnWaiting(run);

    public void OnResumed(RunId run, int epoch) => inner.OnResumed(run, epoch);

    public void OnContinued(RunId run, int epoch) => inner.OnContinued(run, epoch);

    public void OnFinished(RunResult result)
    {
        bool trained;
        lock (_training) trained = _training.Remove(RunId.Of(result));
        if (trained) inner.OnFinished(result);
    }
}
