using System.Diagnostics;
using Research.Data;
using Research.Specs;
using Research.Torch;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// The epochs of one run. Per step: forward, loss, backward and the optimizer's step, with the epoch's
/// sums kept in tensors so that nothing is read back to the host. Per epoch: the one read of those sums,
/// then divergence and convergence, evaluation, weight snapshots, the checkpoint and progress.
/// </summary>
internal sealed class EpochLoop : IDisposable
{
    readonly ExperimentSpec _e;
    readonly string _model;
    readonly int _seed;
    readonly SeededModel _run;
    readonly TrainingData _data;
    readonly Stopwatch _clock;
    readonly int _n, _batch;
    readonly bool _classify;
    // One set per run, zeroed per epoch, so that a step allocates nothing outside its scope; made after the
    // constructor's checks, so that a failed check leaves none to the finalizer.
    readonly Tensor _lossSum, _correct, _normSum;
    readonly OwnedScalars _batchSizes = new(); // the loss weights: the batch size, and the last batch's

    /// <param name="e">The experiment.</param>
    /// <param name="spec">The model's spec (its id and batch size).</param>
    /// <param name="seed">The run's seed, for progress reports.</param>
    /// <param name="run">The model to train.</param>
    /// <param name="data">Training (and test) tensors.</param>
    /// <param name="clock">Started when the run started: progress and checkpoints report it.</param>
    public EpochLoop(ExperimentSpec e, ModelSpec spec, int seed, SeededModel run, TrainingData data, Stopwatch clock)
    {
        _e = e;
        _model = spec.Id;
        _seed = seed;
        _run = run;
        _data = data;
        _clock = clock;
        _n = data.TrainCount;
        _batch = spec.Settings.Batch.Resolve(_n);
        _classify = e.Loss == LossKind.CrossEntropy;
        _lossSum = zeros(1, dtype: float64);
        _correct = zeros(1, dtype: int64);
        _normSum = zeros(1, dtype: float64);
    }

    /// <summary>Trains from the state's epoch until max_epochs, convergence or divergence.</summary>
    /// <param name="state">Advanced in place.</param>
    /// <param name="checkpoint">Where to save every checkpoint_every epochs; null: nowhere.</param>
    /// <param name="observer">Told after every epoch.</param>
    /// <param name="cancel">Checked before every epoch.</param>
    public void Run(TrainingState state, string? checkpoint, IRunObserver? observer, CancellationToken cancel)
    {
        while (state.CanContinue(_e.MaxEpochs))
        {
            cancel.ThrowIfCancellationRequested();
            state.BeginEpoch();
            double trainLoss = TrainEpoch(state);
            if (!double.IsFinite(trainLoss))
            {
                state.Diverge();
                break;
            }
            AfterEpoch(state, trainLoss, checkpoint);
            observer?.OnEpoch(new RunProgress(new RunId(_e.Id, _model, _seed), state.Epoch, _e.MaxEpochs, trainLoss, state.Log.LastTestAccuracy, _clock.Elapsed));
        }
    }

    /// <summary>One pass over the training set; logs the epoch's means and returns its loss.</summary>
    double TrainEpoch(TrainingState state)
    {
        _run.Model.train();
        int steps = 0;
        using (var epochScope = NewDisposeScope())
        {
            // In-place ops hand back a new managed wrapper; inside the scope it is disposed with it.
            _lossSum.zero_(); _correct.zero_(); _normSum.zero_();
            var (x, y) = Shuffled();
            for (int start = 0; start < _n; start += _batch, steps++)
                Step(x, y, start);
        }

        double trainLoss = _lossSum.item<double>() / _n;
        state.Log.Train(state.Epoch, trainLoss,
            _classify && _e.Record.Accuracy ? (double)_correct.item<long>() / _n : null,
            _e.Record.GradientNorm ? _normSum.item<double>() / steps : null);
        return trainLoss;
    }

    /// <summary>The training set in this epoch's order: one shuffled copy per epoch, of which batches are views.</summary>
    (Tensor X, Tensor Y) Shuffled()
    {
        // A DataLoader draws its order even when one batch holds everything.
        var order = _e.Shuffle == ShuffleKind.DataLoader ? DataLoaderReplay.Order(_n)
            : _batch < _n ? randperm(_n, generator: _run.Shuffle)
            : null;
        return order is null ? (_data.TrainX, _data.TrainY) : (_data.TrainX.index_select(0, order), _data.TrainY.index_select(0, order));
    }

    void Step(Tensor x, Tensor y, int start)
    {
        using var stepScope = NewDisposeScope();
        int size = Math.Min(_batch, _n - start);
        var xb = size == _n ? x : x.narrow(0, start, size);
        var yb = size == _n ? y : y.narrow(0, start, size);
        var output = _run.Model.forward(xb);
        var loss = Losses.Of(_e.Loss, output, yb);
        _run.Optimizer.ZeroGrad();
        loss.backward();
        using (no_grad())
        {
            if (_e.Record.GradientNorm) _normSum.add_(GradientNorm(_run.Parameters, _e.Record.GradientNormKind ?? GradientNormKind.Whole), OwnedScalars.One);
            _lossSum.add_(loss.detach(), alpha: _batchSizes.Of(size));
            if (_classify && _e.Record.Accuracy) _correct.add_(output.argmax(1).eq(yb).sum(), OwnedScalars.One);
        }
        _run.Optimizer.Step();
    }

    /// <summary>The bookkeeping of an epoch that did not diverge: convergence, evaluation, snapshot, checkpoint.</summary>
    void AfterEpoch(TrainingState state, double trainLoss, string? checkpoint)
    {
        if (_e.Convergence is { } rule) state.CountTowardsConvergence(rule, trainLoss);
        int epoch = state.Epoch;
        bool converged = state.Converged != null;
        if (_e.Record.Test && _data.TestX is not null && (epoch % _e.Record.EvalEvery == 0 || epoch == _e.MaxEpochs || converged))
        {
            var (testLoss, testAccuracy) = Trainer.Evaluate(_run.Model, _e.Loss, _data.TestX, _data.TestY!);
            state.Log.Test(epoch, testLoss, testAccuracy);
            if (_e.Record.TrainEval == true)
            {
                var (evalLoss, evalAccuracy) = Trainer.Evaluate(_run.Model, _e.Loss, _data.TrainX, _data.TrainY);
                state.Log.TrainEval(evalLoss, evalAccuracy);
            }
            if (_e.Shuffle == ShuffleKind.DataLoader) DataLoaderReplay.TestPass();
        }
        if (state.Weights != null && (epoch % _e.Record.WeightsEvery == 0 || converged))
            state.Snapshot(_run.Parameters);
        // Not at the end of the run: it is stored next, and nothing would resume from it.
        if (checkpoint != null && epoch % _e.CheckpointEvery == 0 && epoch < _e.MaxEpochs && !converged)
            TrainingCheckpoint.Write(checkpoint, w => state.Save(w, state.EarlierSeconds + _clock.Elapsed.TotalSeconds, _run));
    }

    static Tensor GradientNorm(IReadOnlyList<Tensor> parameters, GradientNormKind kind)
    {
        var norms = stack(parameters.Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray());
        return (kind == GradientNormKind.TensorMean ? norms.mean() : norms.norm()).to_type(float64);
    }

    // In the reverse order of construction, as the trainer's using declarations disposed them.
    public void Dispose()
    {
        _batchSizes.Dispose();
        _normSum.Dispose();
        _correct.Dispose();
        _lossSum.Dispose();
    }
}
