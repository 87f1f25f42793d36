using System.Diagnostics;
using System.Runtime.InteropServices;
using Research.Data;
using Research.Models;
using Research.Specs;
using Research.Torch;
using Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// Trains one model of one experiment from one seed. Deterministic for a given spec, seed and thread
/// count: the seed drives initialisation and dropout (libtorch's generator) and the shuffling (a
/// generator of its own). Per step it reads nothing back to the host; per epoch it reads the loss once.
/// </summary>
public sealed class Trainer
{
    const int EvalBatch = 2000;

    /// <summary>
    /// Trains the run, resuming from <paramref name="checkpoint"/> when it holds one (and saving there every
    /// checkpoint_every epochs). The result carries no provenance: the caller knows where the run came from.
    /// </summary>
    public TrainedRun Train(
        ExperimentSpec experiment, DatasetSpec dataset, string modelId, int seed, TrainingData data,
        IRunObserver? observer = null, CancellationToken cancel = default, string? checkpoint = null)
    {
        var spec = experiment.Models[modelId];
        if (CanShareProcess(experiment, spec))
        {
            TorchRuntime.Runs.EnterReadLock();
            try { return TrainLocked(experiment, dataset, spec, seed, data, observer, cancel, checkpoint); }
            finally { TorchRuntime.Runs.ExitReadLock(); }
        }
        TorchRuntime.Runs.EnterWriteLock();
        try
        {
            lock (TorchRuntime.Global)
                return TrainLocked(experiment, dataset, spec, seed, data, observer, cancel, checkpoint);
        }
        finally { TorchRuntime.Runs.ExitWriteLock(); }
    }

    /// <summary>
    /// Whether the run can train beside others in this process with bit-identical results: one libtorch
    /// thread, and no dropout (the only use of libtorch's global generator after initialisation).
    /// </summary>
    public static bool CanShareProcess(ExperimentSpec e, ModelSpec model) =>
        e.Threads == 1 && !model.Layers.Any(l => l is DropoutLayer);

    TrainedRun TrainLocked(
        ExperimentSpec e, DatasetSpec dataset, ModelSpec spec, int seed, TrainingData data,
        IRunObserver? observer, CancellationToken cancel, string? checkpoint)
    {
        var clock = Stopwatch.StartNew();
        SpecModel built;
        lock (TorchRuntime.Global) // seeding and initialisation use libtorch's global generator
        {
            TorchRuntime.SetThreads(e.Threads);
            manual_seed(seed);
            built = new SpecModel(spec, DataShapes.Input(dataset));
        }
        using var model = built;
        var parameters = model.parameters().ToList();
        using var optimizer = OptimizerStep.Create(spec.Optimizer, parameters);
        using var shuffle = new Generator((ulong)seed);
        var classify = e.Loss == LossKind.CrossEntropy;

        int n = data.TrainCount, batch = (spec.BatchSize ?? e.BatchSize).Resolve(n);
        var log = new EpochLog(e.Record);
        var weights = e.Record.WeightsEvery > 0 ? new List<float[]> { Flatten(parameters) } : null;
        var weightEpochs = e.Record.WeightsEvery > 0 ? new List<int> { 0 } : null;
        int streak = 0;
        int? converged = null, diverged = null;
        int epoch = 0;
        double earlierSeconds = 0;
        var checkpointing = checkpoint != null && e.CheckpointEvery > 0;
        var usesGlobalGenerator = !CanShareProcess(e, spec);

        void Save(BinaryWriter w)
        {
            w.Write(epoch); w.Write(streak); w.Write(earlierSeconds + clock.Elapsed.TotalSeconds);
            foreach (var p in parameters) w.WriteTensor(p);
            optimizer.Save(w);
            using (var state = shuffle.get_state()) w.WriteState(state);
            if (usesGlobalGenerator) // dropout draws from libtorch's global generator
                using (var state = torch.random.get_rng_state()) w.WriteState(state);
            log.Save(w);
            if (weights != null)
            {
                w.WriteInts(weightEpochs!);
                w.Write(weights.Count);
                foreach (var snapshot in weights) w.WriteFloats(snapshot);
            }
        }

        if (checkpointing && TrainingCheckpoint.TryRead(checkpoint!) is { } saved)
            using (saved)
            {
                epoch = saved.ReadInt32(); streak = saved.ReadInt32(); earlierSeconds = saved.ReadDouble();
                foreach (var p in parameters) saved.ReadTensorInto(p);
                optimizer.Load(saved);
                using (var state = saved.ReadState()) shuffle.set_state(state);
                if (usesGlobalGenerator)
                    using (var state = saved.ReadState()) torch.random.set_rng_state(state);
                log.Load(saved);
                if (weights != null)
                {
                    weightEpochs = saved.ReadInts();
                    weights = Enumerable.Range(0, saved.ReadInt32()).Select(_ => saved.ReadFloats()).ToList();
                }
                observer?.OnResumed(e.Id, spec.Id, seed, epoch);
            }

        using var lossSum = zeros(1, dtype: float64);
        using var correct = zeros(1, dtype: int64);
        using var normSum = zeros(1, dtype: float64);
        using var batchSizes = new OwnedScalars(); // the loss weights: the batch size, and the last batch's
        Dictionary<string, double>? scalars;
        try
        {
            while (epoch < e.MaxEpochs && converged == null && diverged == null)
            {
                cancel.ThrowIfCancellationRequested();
                epoch++;
                model.train();
                int steps = 0;
                using (var epochScope = NewDisposeScope())
                {
                    // In-place ops hand back a new managed wrapper; inside the scope it is disposed with it.
                    lossSum.zero_(); correct.zero_(); normSum.zero_();
                    Tensor x = data.TrainX, y = data.TrainY;
                    if (batch < n)
                    {
                        // One shuffled copy per epoch; batches are views of it.
                        var order = randperm(n, generator: shuffle);
                        x = data.TrainX.index_select(0, order);
                        y = data.TrainY.index_select(0, order);
                    }
                    for (int start = 0; start < n; start += batch, steps++)
                    {
                        using var stepScope = NewDisposeScope();
                        int size = Math.Min(batch, n - start);
                        var xb = size == n ? x : x.narrow(0, start, size);
                        var yb = size == n ? y : y.narrow(0, start, size);
                        var output = model.forward(xb);
                        var loss = Loss(e.Loss, output, yb);
                        optimizer.ZeroGrad();
                        loss.backward();
                        using (no_grad())
                        {
                            if (e.Record.GradientNorm) normSum.add_(GradientNorm(parameters), OwnedScalars.One);
                            lossSum.add_(loss.detach(), alpha: batchSizes.Of(size));
                            if (classify && e.Record.Accuracy) correct.add_(output.argmax(1).eq(yb).sum(), OwnedScalars.One);
                        }
                        optimizer.Step();
                    }
                }

                double trainLoss = lossSum.item<double>() / n;
                log.Train(epoch, trainLoss,
                    classify && e.Record.Accuracy ? (double)correct.item<long>() / n : null,
                    e.Record.GradientNorm ? normSum.item<double>() / steps : null);

                if (!double.IsFinite(trainLoss))
                {
                    diverged = epoch;
                    break;
                }
                if (e.Convergence is { } rule)
                {
                    streak = trainLoss < rule.LossBelow ? streak + 1 : 0;
                    if (streak >= rule.Patience) converged = epoch;
                }
                if (e.Record.Test && data.TestX is not null && (epoch % e.Record.EvalEvery == 0 || epoch == e.MaxEpochs || converged != null))
                {
                    var (testLoss, testAccuracy) = Evaluate(model, e.Loss, data.TestX, data.TestY!);
                    log.Test(epoch, testLoss, testAccuracy);
                }
                if (weights != null && (epoch % e.Record.WeightsEvery == 0 || converged != null))
                {
                    weights.Add(Flatten(parameters));
                    weightEpochs!.Add(epoch);
                }
                if (checkpointing && epoch % e.CheckpointEvery == 0 && epoch < e.MaxEpochs && converged == null)
                    TrainingCheckpoint.Write(checkpoint!, Save);
                observer?.OnEpoch(new RunProgress(e.Id, spec.Id, seed, epoch, e.MaxEpochs, trainLoss, log.LastTestAccuracy, clock.Elapsed));
            }

            scalars = e.CriticalPoint is { } critical
                ? CriticalPointAnalysis.Run(model, spec, parameters, data.TrainX, data.TrainY, critical)
                : null;
        }
        catch (ExternalException native) // libtorch refused an op: say which run and where, not a stack trace
        {
            throw new TrainingFailedException(e.Id, spec.Id, seed, epoch, native);
        }

        double[]? predictions = null;
        if (e.Record.Predictions)
        {
            model.eval();
            using var _ = no_grad();
            using var output = model.forward(data.TrainX);
            predictions = output.to_type(float64).data<double>().ToArray();
        }

        return new TrainedRun
        {
            Experiment = e.Id,
            Model = spec.Id,
            Seed = seed,
            Profile = e.Profile.ToString().ToLowerInvariant(),
            Parameters = model.ParameterCount,
            Outcome = diverged != null ? RunOutcome.Diverged : converged != null ? RunOutcome.Converged : RunOutcome.MaxEpochs,
            Epochs = epoch,
            ConvergedEpoch = converged,
            DivergedEpoch = diverged,
            Metrics = log.ToSeries(),
            Predictions = predictions,
            WeightEpochs = weightEpochs?.ToArray(),
            Scalars = scalars,
            WallSeconds = earlierSeconds + clock.Elapsed.TotalSeconds,
            Weights = weights,
        };
    }

    static Tensor Loss(LossKind kind, Tensor output, Tensor target) => kind switch
    {
        LossKind.Mse => nn.functional.mse_loss(output, target),
        LossKind.CrossEntropy => nn.functional.cross_entropy(output, target),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    static Tensor GradientNorm(IReadOnlyList<Tensor> parameters) =>
        stack(parameters.Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray()).norm().to_type(float64);

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
            lossSum.add_(Loss(kind, output, target).to_type(float64), alpha: sizes.Of(size));
            if (kind == LossKind.CrossEntropy) correct.add_(output.argmax(1).eq(target).sum(), OwnedScalars.One);
        }
        return (lossSum.item<double>() / n, kind == LossKind.CrossEntropy ? (double)correct.item<long>() / n : null);
    }

    static float[] Flatten(IEnumerable<Tensor> parameters)
    {
        using var _ = no_grad();
        using var flat = cat(parameters.Select(p => p.detach().flatten()).ToArray());
        return flat.data<float>().ToArray();
    }
}
