using System.Diagnostics;
using System.Runtime.InteropServices;
using Research.Data;
using Research.Specs;
using Research.Torch;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// Trains one model of one experiment from one seed. Deterministic for a given spec, seed and thread
/// count: the seed drives initialisation and dropout (libtorch's generator) and the shuffling (a
/// generator of its own). Per step it reads nothing back to the host; per epoch it reads the loss once.
/// The parts: <see cref="SeededModel"/> (what libtorch holds), <see cref="TrainingState"/> (the rest, and
/// the checkpoint's layout), <see cref="EpochLoop"/> and <see cref="TrainedRunAssembler"/>.
/// </summary>
public sealed class Trainer
{
    const int EvalBatch = 2000;

    /// <summary>
    /// Trains the run, resuming from <paramref name="checkpoint"/> when it holds one (and saving there every
    /// checkpoint_every epochs), and leaving its final state at <paramref name="finalState"/> when it stops at
    /// max_epochs (neither converged nor diverged), in the checkpoint's format, for a longer run of the same
    /// trajectory to continue from (<see cref="Runs.Continuation"/>). The result carries no provenance: the caller
    /// knows where the run came from. The observer's events name the run without its cache key
    /// (<see cref="RunId.Key"/> empty): the engine, which knows the key, fills it in.
    /// </summary>
    public TrainedRun Train(
        ExperimentSpec experiment, DatasetSpec dataset, string modelId, int seed, TrainingData data,
        IRunObserver? observer = null, CancellationToken cancel = default, string? checkpoint = null, string? finalState = null)
    {
        var spec = experiment.Models[modelId];
        return Exclusively(experiment, spec, () => TrainLocked(experiment, dataset, spec, seed, data, observer, cancel, checkpoint, finalState));
    }

    /// <summary>Runs <paramref name="train"/> beside other runs when it can share the process (<see cref="CanShareProcess"/>), else alone.</summary>
    /// <exception cref="InvalidOperationException">The caller holds <see cref="TorchRuntime.Global"/> but not the runs lock:
    /// taking the runs lock now would reverse the one lock order (runs lock, then Global) and can deadlock against a run
    /// that holds the write lock and waits for Global. Refused at once rather than left to hang some of the time.</exception>
    internal static T Exclusively<T>(ExperimentSpec e, ModelSpec spec, Func<T> train)
    {
        if (TorchRuntime.Global.IsHeldByCurrentThread && !TorchRuntime.Runs.IsReadLockHeld && !TorchRuntime.Runs.IsWriteLockHeld)
            throw new InvalidOperationException(
                $"{e.Id}/{spec.Id}: training was entered while this thread holds TorchRuntime.Global. The lock order is the runs lock, " +
                "then Global (a run that trains alone holds both); release Global before training, and hold it only while drawing from libtorch's generator.");
        if (CanShareProcess(e, spec))
        {
            TorchRuntime.Runs.EnterReadLock();
            try { return train(); }
            finally { TorchRuntime.Runs.ExitReadLock(); }
        }
        TorchRuntime.Runs.EnterWriteLock();
        try
        {
            lock (TorchRuntime.Global)
                return train();
        }
        finally { TorchRuntime.Runs.ExitWriteLock(); }
    }

    /// <summary>
    /// Whether the run can train beside others in this process with bit-identical results: one libtorch
    /// thread, and nothing that draws from libtorch's global generator after initialisation (dropout, a replayed DataLoader).
    /// </summary>
    public static bool CanShareProcess(ExperimentSpec e, ModelSpec model) =>
        e.Threads == 1 && e.Shuffle != ShuffleKind.DataLoader && !model.Layers.Any(l => l is DropoutLayer);

    static TrainedRun TrainLocked(
        ExperimentSpec e, DatasetSpec dataset, ModelSpec spec, int seed, TrainingData data,
        IRunObserver? observer, CancellationToken cancel, string? checkpoint, string? finalState)
    {
        var clock = Stopwatch.StartNew();
        using var run = SeededModel.Build(e, dataset, spec, seed);
        var state = new TrainingState(e.Record, run.Parameters);
        var resumable = e.CheckpointEvery > 0 ? checkpoint : null; // an experiment that never saves one never resumes
        if (resumable != null && TrainingCheckpoint.TryRead(resumable) is { } saved)
            using (saved)
            {
                state.Load(saved, run);
                observer?.OnResumed(new RunId(e.Id, spec.Id, seed), state.Epoch);
            }

        using var loop = new EpochLoop(e, spec, seed, run, data, clock);
        Dictionary<string, double>? scalars;
        try
        {
            loop.Run(state, resumable, observer, cancel);
            if (finalState != null && state.Outcome == RunOutcome.MaxEpochs)
                TrainingCheckpoint.Write(finalState, w => state.Save(w, state.EarlierSeconds + clock.Elapsed.TotalSeconds, run));
            scalars = e.CriticalPoint is { } critical
                ? CriticalPointAnalysis.Run(run.Model, spec, run.Parameters, data.TrainX, data.TrainY, critical)
                : null;
        }
        catch (ExternalException native) // libtorch refused an op: say which run and where, not a stack trace
        {
            throw new TrainingFailedException(e.Id, spec.Id, seed, state.Epoch, native);
        }
        return TrainedRunAssembler.Assemble(e, spec, seed, run, data, state, scalars, clock);
    }

    /// <summary>Mean loss and accuracy (classification) on a held-out set, under no_grad in eval mode.</summary>
    public static (double Loss, double? Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, LossKind kind, Tensor x, Tensor y)
    {
        model.eval();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        using var sizes = new OwnedScalars();
        var lossSum = zeros(1, dtype: float64);
        var correct = zeros(1, dtype: int64);
        for (long start = 0; start < n; start += EvalBatch)
        {
            long size = Math.Min(EvalBatch, n - start);
            var output = model.forward(x.narrow(0, start, size));
            var target = y.narrow(0, start, size);
            lossSum.add_(Losses.Of(kind, output, target).to_type(float64), alpha: sizes.Of(size));
            if (kind == LossKind.CrossEntropy) correct.add_(output.argmax(1).eq(target).sum(), OwnedScalars.One);
        }
        return (lossSum.item<double>() / n, kind == LossKind.CrossEntropy ? (double)correct.item<long>() / n : null);
    }
}
