using Research.Specs;
using Research.Training;

namespace Research.Claims;

/// <summary>What a claim is judged on: its experiment (resolved for a profile) and the runs, per model, in seed order.</summary>
public sealed record ClaimInput(
    ClaimSpec Claim, ExperimentSpec Experiment, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> Runs, double[]? Target = null)
{
    public string Label(string model) => Experiment.Models.TryGetValue(model, out var m) ? m.Label : model;

    public double[] Values(string model) =>
        Runs[model].Select(r => Metrics.Value(Claim.Metric!, r, Target)).ToArray();
}
