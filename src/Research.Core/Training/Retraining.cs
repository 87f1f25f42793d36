using System.Diagnostics;
using Research.Data;
using Research.Specs;

namespace Research.Training;

/// <summary>
/// A few epochs of training from given weights, through the trainer's own epoch loop: §3.3.1's code trains every
/// interpolated model once before measuring it. Nothing is cached or checkpointed; the caller caches the result.
/// </summary>
internal static class Retraining
{
    /// <returns>The last epoch's running train loss and accuracy and the test metrics after it; NaN where the training diverged.</returns>
    public static (double TrainLoss, double? TrainAccuracy, double TestLoss, double? TestAccuracy) Run(
        ExperimentSpec e, DatasetSpec dataset, ModelSpec model, TrainingData data, float[] weights, RetrainSpec retrain, ulong shuffleSeed)
    {
        var brief = e with
        {
            MaxEpochs = retrain.Epochs, Convergence = null, CriticalPoint = null, CheckpointEvery = 0,
            Record = new RecordSpec { Accuracy = e.Record.Accuracy, Test = e.Record.Test, EvalEvery = retrain.Epochs },
        };
        var spec = model with { Optimizer = retrain.Optimizer, BatchSize = retrain.BatchSize };
        spec = spec with { Settings = ModelSettings.Resolve(brief, spec) };
        return Trainer.Exclusively(brief, spec, () =>
        {
            using var run = SeededModel.FromWeights(brief, dataset, spec, weights, shuffleSeed);
            var state = new TrainingState(brief.Record, run.Parameters);
            using (var loop = new EpochLoop(brief, spec, 0, run, data, Stopwatch.StartNew()))
                loop.Run(state, checkpoint: null, observer: null, CancellationToken.None);
            if (state.Diverged != null) return (double.NaN, (double?)double.NaN, double.NaN, (double?)double.NaN);
            var m = state.Log.ToSeries();
            return (m.TrainLoss[^1], m.TrainAccuracy?[^1], m.TestLoss is { Length: > 0 } t ? t[^1] : double.NaN, m.TestAccuracy?[^1]);
        });
    }
}
