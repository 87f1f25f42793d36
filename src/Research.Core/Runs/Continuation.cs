using Research.Specs;

namespace Research.Runs;

/// <summary>
/// Runs that differ only in max_epochs share their first epochs: a 30-epoch run's first 15 are the 15-epoch run, bit
/// for bit (the epoch loop reads max_epochs only to stop, and to evaluate at the last epoch). So a run that stops at
/// max_epochs leaves its final training state beside its result (<c>seed1-TRAJECTORY.after15.state</c>, the
/// checkpoint's format), and a longer run of the same trajectory starts from the longest such state instead of
/// from its seed: the epoch-budget choice's doubled alternative trains only the epochs it adds (issue 15).
/// <para>
/// Only where the shorter run's log is the longer run's prefix: no §2.3 critical-point phase after training, no
/// replayed DataLoader (its test pass at the last epoch draws from the generator), checkpoints on (the state's
/// format), and a stop epoch at which the longer run evaluates and snapshots too (a multiple of eval_every and
/// weights_every). <c>ContinuationTests</c> checks a continued run against one trained from its seed.
/// </para>
/// <para>
/// The state is a checkpoint, so it costs what one does: the model and optimizer (0.3 MB for a §1.2 CNN, 19 MB for
/// §3.2's largest) and the weight snapshots a run keeps (72 MB for a §2.1 run, which keeps every epoch's).
/// </para>
/// </summary>
public sealed class Continuation
{
    readonly string _folder, _prefix;
    readonly ExperimentSpec _e;

    Continuation(ExperimentSpec e, string folder, string prefix)
    {
        _e = e;
        _folder = folder;
        _prefix = prefix;
    }

    /// <summary>The run's continuations; null when the experiment's runs cannot continue one another.</summary>
    public static Continuation? Of(RunCache cache, ExperimentSpec e, DatasetSpec dataset, string model, int seed)
    {
        if (e.CriticalPoint is not null || e.Shuffle == ShuffleKind.DataLoader || e.CheckpointEvery <= 0) return null;
        var trajectory = RunKey.For(e with { MaxEpochs = 0 }, dataset, model, seed);
        var folder = Path.GetDirectoryName(cache.PathOf(e.Id, model, seed, trajectory))!;
        return new Continuation(e, folder, $"seed{seed}-{trajectory[..16]}.after");
    }

    /// <summary>Where this run leaves its state when it stops at max_epochs; null when a longer run could not continue from there.</summary>
    public string? FinalState => Aligned(_e.MaxEpochs) ? StateAt(_e.MaxEpochs) : null;

    /// <summary>The longest state a shorter run of this trajectory left, and its epoch; null when there is none.</summary>
    public (string Path, int Epoch)? Longest()
    {
        if (!Directory.Exists(_folder)) return null;
        return Directory.EnumerateFiles(_folder, _prefix + "*.state")
            .Select(f => (Path: f, Epoch: int.TryParse(Path.GetFileName(f)[_prefix.Length..^".state".Length], out var n) ? n : 0))
            .Where(s => s.Epoch > 0 && s.Epoch < _e.MaxEpochs && Aligned(s.Epoch))
            .OrderByDescending(s => s.Epoch)
            .Select(s => ((string, int)?)s)
            .FirstOrDefault();
    }

    string StateAt(int epoch) => Path.Combine(_folder, $"{_prefix}{epoch}.state");

    /// <summary>Whether a longer run logs epoch <paramref name="epoch"/> as a run that stops there does: its test and weight snapshot.</summary>
    bool Aligned(int epoch) =>
        (!_e.Record.Test || epoch % _e.Record.EvalEvery == 0) && (_e.Record.WeightsEvery == 0 || epoch % _e.Record.WeightsEvery == 0);
}
