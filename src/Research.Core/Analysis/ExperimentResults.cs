using Research.Specs;
using Research.Training;

namespace Research.Analysis;

/// <summary>
/// An experiment's runs (every model × seed of the profile) with its analyses: per-run analysis values
/// are merged into each run's <see cref="RunResult.Scalars"/>; experiment-wide ones are in <see cref="Scalars"/>.
/// </summary>
public sealed record ExperimentResults(ExperimentSpec Experiment, IReadOnlyList<RunResult> Runs)
{
    public PcaResult? Pca { get; init; }
    public IReadOnlyList<InterpolationCurve> Interpolations { get; init; } = [];
    public IReadOnlyDictionary<string, double> Scalars { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<RunResult> Of(string model) => Runs.Where(r => r.Model == model).OrderBy(r => r.Seed).ToList();
}
