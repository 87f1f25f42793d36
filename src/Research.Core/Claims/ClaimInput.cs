using Research.Specs;
using Research.Training;
using Research.Measures;

namespace Research.Claims;

/// <summary>What a claim is judged on: its experiment (resolved for a profile) and the runs, per model, in seed order.</summary>
public sealed record ClaimInput(
    ClaimSpec Claim, ExperimentSpec Experiment, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> Runs, double[]? Target = null,
    IReadOnlyDictionary<string, double>? ExperimentScalars = null)
{
    public string Label(string model) => Experiment.Models.TryGetValue(model, out var m) ? m.Label : model;

    /// <summary>The claim's metric per seed; an experiment-wide metric (PCA) is one value.</summary>
    public double[] Values(string model) => Measure.Get(Claim.Metric!) is { Scope: MeasureScope.Experiment } wide
        ? [wide.Of(ExperimentScalars)]
        : Values(model, Claim.Metric!);

    /// <summary>A per-run measure of the model's runs, in seed order.</summary>
    public double[] Values(string model, string metric)
    {
        var measure = Measure.Get(metric);
        return Runs[model].Select(r => measure.Of(r, Target)).ToArray();
    }
}
