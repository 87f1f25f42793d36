namespace Research.Training;

/// <summary>A snapshot of a run in progress, reported after every epoch.</summary>
public readonly record struct RunProgress(
    string Experiment, string Model, int Seed, int Epoch, int MaxEpochs, double TrainLoss, double? TestAccuracy, TimeSpan Elapsed);

/// <summary>Receives progress from the trainer (the CLI draws it; tests ignore it).</summary>
public interface IRunObserver
{
    void OnEpoch(in RunProgress progress);
    /// <summary>A run was needed and was found in the cache instead of trained.</summary>
    void OnCached(string experiment, string model, int seed) { }
    /// <summary>Another process holds this run's lock (it is training it); this one waits for its result.</summary>
    void OnWaiting(string experiment, string model, int seed) { }
    void OnFinished(RunResult result) { }
    /// <summary>The run continues from a checkpoint written by an earlier, interrupted attempt.</summary>
    void OnResumed(string experiment, string model, int seed, int epoch) { }
}
