using Research.Training;

namespace Research.Cli.Display;

/// <summary>
/// Passes on progress of runs that actually train, and nothing about runs read from the cache: the
/// report asks for every run several times (results, claims, figures), which would print each cached
/// run over and over.
/// </summary>
internal sealed class TrainingOnly(IRunObserver inner) : IRunObserver
{
    readonly HashSet<(string, string, int)> _training = [];

    public void OnEpoch(in RunProgress progress)
    {
        lock (_training) _training.Add((progress.Experiment, progress.Model, progress.Seed));
        inner.OnEpoch(progress);
    }

    public void OnWaiting(string experiment, string model, int seed) => inner.OnWaiting(experiment, model, seed);

    public void OnResumed(string experiment, string model, int seed, int epoch) => inner.OnResumed(experiment, model, seed, epoch);

    public void OnFinished(RunResult result)
    {
        bool trained;
        lock (_training) trained = _training.Remove((result.Experiment, result.Model, result.Seed));
        if (trained) inner.OnFinished(result);
    }
}
