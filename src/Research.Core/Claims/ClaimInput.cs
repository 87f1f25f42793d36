using Research.Specs;
using Research.Training;

namespace Research.Claims;

/// <summary>What a claim is judged on: its experiment (resolved for a profile) and the runs, per model, in seed order.</summary>
public sealed record ClaimInput(
    ClaimSpec Claim, ExperimentSpec Experiment, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> Runs, double[]? Target = null,
    IReadOnlyDictionary<string, double>? ExperimentScalars = null)
{
    public string Label(string model) => Experiment.Models.TryGetValue(model, out var m) ? m.Label : model;

    /// <summary>The claim's metric per seed; an experiment-wide metric (PCA) is one value.</summary>
    public double[] Values(string model) => Metrics.ExperimentNames.Contains(Claim.Metric!)
        ? [ExperimentScalars is { } scalars && scalars.TryGetValue(Claim.Metric!, out var value) // never a default 0 for a missing measure
            ? value
            : throw new InvalidOperationException($"{Claim.Metric} needs the experiment's analysis: pca")]
        : Runs[model].Select(r => Metrics.Value(Claim.Metric!, r, Target)).ToArray();
}
