using Research.Data;
using Research.Measures;
using Research.Runs;
using Research.Specs;
using Research.Training;

namespace Research.Analysis;

/// <summary>
/// What an analysis of one experiment reads (its runs, their weights, the data) and where it puts its
/// values: per run or experiment-wide, under the name of a registered <see cref="Measure"/>.
/// </summary>
internal sealed class AnalysisContext(Engine engine, ExperimentSpec experiment, IReadOnlyList<RunResult> runs)
{
    readonly Dictionary<(string Model, int Seed), Dictionary<string, double>> _perRun =
        runs.ToDictionary(r => (r.Model, r.Seed), _ => new Dictionary<string, double>());

    public ExperimentSpec Experiment { get; } = experiment;
    public DatasetSpec Dataset { get; } = engine.Spec.DatasetOf(experiment);
    public IReadOnlyList<RunResult> Runs { get; } = runs;
    public Dictionary<string, double> ExperimentValues { get; } = new();

    /// <summary>The experiment's data, from the engine's per-process data cache.</summary>
    public TrainingData Data() => engine.Data.Get(Dataset, Experiment.TrainSamples, Experiment.TestSamples);

    public bool Has(string model, int seed) => Runs.Any(r => r.Model == model && r.Seed == seed);

    public RunResult Run(string model, int seed) => Runs.Single(r => r.Model == model && r.Seed == seed);

    /// <summary>An analysis result, cached beside the runs it reads (see <see cref="AnalysisCache"/>).</summary>
    public T Cached<T>(string name, object spec, IReadOnlyList<RunResult> reads, Func<T> compute) where T : class =>
        engine.Analyses.GetOrCompute(Experiment.Id, name, spec, reads, compute);

    public IReadOnlyList<float[]> Weights(RunResult run) => engine.Weights(run) ?? throw MissingWeights(run);

    /// <summary>The weights after the last epoch.</summary>
    public float[] Final(RunResult run) => engine.Weights(run) is { Count: > 0 } w ? w[^1] : throw MissingWeights(run);

    public void Set(RunResult run, Measure measure, double value) => _perRun[(run.Model, run.Seed)][measure.Name] = value;

    public void Set(Measure measure, double value) => ExperimentValues[measure.Name] = value;

    /// <summary>The runs with their analysis values merged into <see cref="RunResult.Scalars"/>.</summary>
    public IReadOnlyList<RunResult> Merged() => Runs.Select(r => _perRun[(r.Model, r.Seed)] is { Count: > 0 } extra
        ? r with { Scalars = (r.Scalars ?? new Dictionary<string, double>()).Concat(extra).ToDictionary(p => p.Key, p => p.Value) }
        : r).ToList();

    InvalidOperationException MissingWeights(RunResult run) =>
        new($"{Experiment.Id}: the analysis needs the weights of {run.Model} seed {run.Seed}, which the run did not keep; set record: {{ weights_every: N }} in the experiment");
}
