using Research.Specs;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// Where a run stands between epochs: the epoch, the convergence streak, how it ended, the seconds of
/// earlier attempts, the per-epoch log and the weight snapshots. It owns the checkpoint's layout, which
/// old checkpoints fix, so the order of the fields is written down in one place.
/// </summary>
internal sealed class TrainingState
{
    public TrainingState(RecordSpec record, IEnumerable<Tensor> parameters)
    {
        Log = new EpochLog(record);
        if (record.WeightsEvery > 0)
        {
            // Epoch 0 is the initialisation: a trajectory starts where the seed put the weights.
            Weights = [Flatten(parameters)];
            WeightEpochs = [0];
        }
    }

    /// <summary>Epochs started so far: during an epoch, the one in progress.</summary>
    public int Epoch { get; private set; }

    /// <summary>Consecutive epochs whose loss met the convergence rule.</summary>
    public int Streak { get; private set; }

    public int? Converged { get; private set; }
    public int? Diverged { get; private set; }

    /// <summary>Wall-clock seconds of the attempts a checkpoint resumed from (0 for a run that started here).</summary>
    public double EarlierSeconds { get; private set; }

    /// <summary>The epoch of the checkpoint this state was loaded from (<see cref="Load"/>); null when it trained from its seed.</summary>
    public int? LoadedAt { get; private set; }

    public EpochLog Log { get; }

    /// <summary>Flattened parameters at each of <see cref="WeightEpochs"/>; null when the run keeps none.</summary>
    public List<float[]>? Weights { get; private set; }

    public List<int>? WeightEpochs { get; private set; }

    public RunOutcome Outcome =>
        Diverged != null ? RunOutcome.Diverged : Converged != null ? RunOutcome.Converged : RunOutcome.MaxEpochs;

    public bool CanContinue(int maxEpochs) => Epoch < maxEpochs && Converged == null && Diverged == null;

    public void BeginEpoch() => Epoch++;

    public void Diverge() => Diverged = Epoch;

    /// <summary>Counts the epoch's loss towards the rule's streak; converged once the streak reaches its patience.</summary>
    public void CountTowardsConvergence(ConvergenceSpec rule, double trainLoss)
    {
        Streak = trainLoss < rule.LossBelow ? Streak + 1 : 0;
        if (Streak >= rule.Patience && rule.Settled(Epoch, Log.TrainLosses)) Converged = Epoch;
    }

    public void Snapshot(IEnumerable<Tensor> parameters)
    {
        Weights!.Add(Flatten(parameters));
        WeightEpochs!.Add(Epoch);
    }

    /// <summary>
    /// Writes the checkpoint's payload. Converged and diverged are not in it: a checkpoint is written only
    /// while the run goes on.
    /// </summary>
    /// <param name="w">The checkpoint's payload.</param>
    /// <param name="seconds">Wall-clock seconds so far, this attempt's included.</param>
    /// <param name="run">The model, optimizer and generators, whose state sits between the counters and the log.</param>
    public void Save(BinaryWriter w, double seconds, SeededModel run)
    {
        w.Write(Epoch); w.Write(Streak); w.Write(seconds);
        run.Save(w);
        Log.Save(w);
        if (Weights != null)
        {
            w.WriteInts(WeightEpochs!);
            w.Write(Weights.Count);
            foreach (var snapshot in Weights) w.WriteFloats(snapshot);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote, into this state and into <paramref name="run"/>.</summary>
    public void Load(BinaryReader r, SeededModel run)
    {
        Epoch = r.ReadInt32(); Streak = r.ReadInt32(); EarlierSeconds = r.ReadDouble();
        LoadedAt = Epoch;
        run.Load(r);
        Log.Load(r);
        if (Weights != null)
        {
            WeightEpochs = r.ReadInts();
            Weights = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadFloats()).ToList();
        }
    }

    static float[] Flatten(IEnumerable<Tensor> parameters)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope(); // the detached views and their flattenings, each freed here rather than by a finalizer
        var flat = cat(parameters.Select(p => p.detach().flatten()).ToArray());
        return flat.data<float>().ToArray();
    }
}
