using System.Diagnostics;
using Research.Data;
using Research.Models;
using Research.Specs;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>Turns a finished run's state into the <see cref="TrainedRun"/> the trainer hands back.</summary>
internal static class TrainedRunAssembler
{
    /// <param name="e">The experiment.</param>
    /// <param name="spec">The model's spec.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="run">The trained model, still alive: predictions and the parameter count read it.</param>
    /// <param name="data">The training inputs, for the predictions.</param>
    /// <param name="state">The state after the last epoch.</param>
    /// <param name="scalars">The critical-point phase's scalars, if it ran.</param>
    /// <param name="clock">Started when this attempt started.</param>
    public static TrainedRun Assemble(
        ExperimentSpec e, ModelSpec spec, int seed, SeededModel run, TrainingData data, TrainingState state,
        IReadOnlyDictionary<string, double>? scalars, Stopwatch clock)
    {
        var predictions = e.Record.Predictions ? Predict(run.Model, data.TrainX) : null;
        // Read now, while the model is alive; the result is made when the engine says where it came from.
        long parameters = run.Model.ParameterCount;
        var metrics = state.Log.ToSeries();
        var (outcome, epochs, converged, diverged) = (state.Outcome, state.Epoch, state.Converged, state.Diverged);
        var weightEpochs = state.WeightEpochs?.ToArray();
        RunResult Result(Provenance provenance) => new()
        {
            Experiment = e.Id,
            Model = spec.Id,
            Seed = seed,
            Profile = e.Profile.ToString().ToLowerInvariant(),
            Parameters = parameters,
            Outcome = outcome,
            Epochs = epochs,
            ConvergedEpoch = converged,
            DivergedEpoch = diverged,
            Metrics = metrics,
            Predictions = predictions,
            WeightEpochs = weightEpochs,
            Scalars = scalars,
            Provenance = provenance,
        };
        return new TrainedRun(Result, state.EarlierSeconds + clock.Elapsed.TotalSeconds, state.Weights) { StartedAt = state.LoadedAt };
    }

    static double[] Predict(SpecModel model, Tensor x)
    {
        model.eval();
        using var _ = no_grad();
        using var output = model.forward(x);
        using var output64 = output.to_type(float64);
        return output64.data<double>().ToArray();
    }
}
