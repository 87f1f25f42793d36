using static System.FormattableString;

namespace Research.Training;

/// <summary>
/// One run: experiment, model, seed, and its cache key. The key tells apart runs of the same experiment,
/// model and seed under different settings (a variant, an alternative of a choice), which one process may
/// train or read side by side (<c>research robustness</c>, <c>research reproduce</c>).
/// </summary>
/// <param name="Experiment">The experiment's id.</param>
/// <param name="Model">The model's id.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Key">The run's cache key (<see cref="Provenance.RunKey"/>); empty where only the trainer's view is known.</param>
public readonly record struct RunId(string Experiment, string Model, int Seed, string Key = "")
{
    public static RunId Of(RunResult r) => new(r.Experiment, r.Model, r.Seed, r.Provenance.RunKey);

    /// <summary>"fit-sinc/model-1/seed3": the settings are not part of the name.</summary>
    public override string ToString() => Invariant($"{Experiment}/{Model}/seed{Seed}");
}

/// <summary>A snapshot of a run in progress, reported after every epoch.</summary>
public readonly record struct RunProgress(
    RunId Run, int Epoch, int MaxEpochs, double TrainLoss, double? TestAccuracy, TimeSpan Elapsed)
{
    public string Experiment => Run.Experiment;
    public string Model => Run.Model;
    public int Seed => Run.Seed;
}

/// <summary>Receives progress from the trainer (the CLI draws it; tests ignore it).</summary>
public interface IRunObserver
{
    void OnEpoch(in RunProgress progress);
    /// <summary>A run was needed and was found in the cache instead of trained.</summary>
    void OnCached(RunId run) { }
    /// <summary>Another process holds this run's lock (it is training it); this one waits for its result.</summary>
    void OnWaiting(RunId run) { }
    void OnFinished(RunResult result) { }
    /// <summary>The run continues from a checkpoint written by an earlier, interrupted attempt.</summary>
    void OnResumed(RunId run, int epoch) { }
    /// <summary>The run starts from the final state of a shorter run of the same trajectory (<see cref="Provenance.ContinuedFrom"/>).</summary>
    void OnContinued(RunId run, int epoch) { }
}

/// <summary>
/// What the engine hands the trainer: the trainer names a run by experiment, model and seed, and this fills in
/// the key the engine knows, so that an observer never mistakes two settings of one seed for one run. The trainer
/// sees any checkpoint it starts from as a resumption; the engine knows when that checkpoint is a shorter run's
/// final state (<paramref name="continuedFrom"/>), and says so.
/// </summary>
sealed class KeyedObserver(IRunObserver inner, string key, int? continuedFrom) : IRunObserver
{
    public static IRunObserver? Of(IRunObserver? inner, string key, int? continuedFrom = null) =>
        inner is null ? null : new KeyedObserver(inner, key, continuedFrom);

    RunId Keyed(RunId run) => run with { Key = key };

    public void OnEpoch(in RunProgress progress) => inner.OnEpoch(progress with { Run = Keyed(progress.Run) });
    public void OnCached(RunId run) => inner.OnCached(Keyed(run));
    public void OnWaiting(RunId run) => inner.OnWaiting(Keyed(run));
    public void OnFinished(RunResult result) => inner.OnFinished(result);
    public void OnResumed(RunId run, int epoch)
    {
        if (epoch == continuedFrom) inner.OnContinued(Keyed(run), epoch);
        else inner.OnResumed(Keyed(run), epoch);
    }

    public void OnContinued(RunId run, int epoch) => inner.OnContinued(Keyed(run), epoch);
}
