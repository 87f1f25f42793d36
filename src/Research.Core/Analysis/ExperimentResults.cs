using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.Data;
using Research.Runs;
using Research.Specs;
using Research.Training;
using Research.IO;

namespace Research.Analysis;

/// <summary>
/// An experiment's runs (every model × seed of the profile) with its analyses: per-run analysis scalars
/// are merged into each run's <see cref="RunResult.Scalars"/>; experiment-wide ones are in <see cref="Scalars"/>.
/// </summary>
public sealed record ExperimentResults(ExperimentSpec Experiment, IReadOnlyList<RunResult> Runs)
{
    public PcaResult? Pca { get; init; }
    public IReadOnlyList<InterpolationCurve> Interpolations { get; init; } = [];
    public IReadOnlyDictionary<string, double> Scalars { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<RunResult> Of(string model) => Runs.Where(r => r.Model == model).OrderBy(r => r.Seed).ToList();
}

/// <summary>Runs an experiment's analyses over its cached runs; each analysis result is cached beside the runs, keyed by the runs and the analysis spec.</summary>
public static class ExperimentAnalyses
{
    static readonly ConcurrentDictionary<string, Lazy<object>> Memo = new();

    /// <summary>Bump when an analysis computes something new or different, so cached analysis results are recomputed (runs are kept).</summary>
    const int AnalysisVersion = 2;

    public static ExperimentResults Results(this Engine engine, ExperimentSpec e, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var runs = engine.RunAll(e, observer, cancel);
        if (e.Analysis is not { } analysis) return new ExperimentResults(e, runs);

        var dataset = engine.Spec.DatasetOf(e);
        TrainingData Data() => engine.Data.Get(dataset, e.TrainSamples, e.TestSamples); // the engine's per-process data cache
        var perRun = runs.ToDictionary(r => (r.Model, r.Seed), _ => new Dictionary<string, double>());
        var scalars = new Dictionary<string, double>();
        PcaResult? pca = null;
        var curves = new List<InterpolationCurve>();

        if (analysis.Pca is { } pcaSpec)
        {
            pca = Cached(engine, e, "pca", pcaSpec, runs, () => PcaAnalysis.Compute(
                runs.Select(r => engine.Weights(r) ?? throw MissingWeights(e, r)).ToList(), pcaSpec));
            scalars["pca_explained_variance"] = pca.Whole.ExplainedTotal;
            scalars["pca_layer_explained_variance"] = pca.Layer.ExplainedTotal;
            scalars["pca_layer_agreement"] = pca.LayerAgreement;
            scalars["pca_layer_subspace_agreement"] = pca.LayerSubspaceAgreement;
            scalars["pca_start_separation"] = pca.StartSeparation;
            scalars["pca_direction_cosine"] = pca.DirectionCosine;
        }
        if (analysis.Interpolation is { } lineSpec)
        {
            foreach (var pair in lineSpec.Pairs)
                foreach (var seed in e.Seeds)
                {
                    RunResult from = runs.Single(r => r.Model == pair.From && r.Seed == seed), to = runs.Single(r => r.Model == pair.To && r.Seed == seed);
                    var curve = Cached(engine, e, $"interpolation-{pair.From}-{pair.To}-seed{seed}", lineSpec, [from, to], () =>
                        InterpolationAnalysis.Compute(e, dataset, Data(), pair, seed,
                            Final(engine, e, from), Final(engine, e, to), lineSpec));
                    curves.Add(curve);
                    var a = perRun[(pair.From, seed)];
                    a["end_sharpness"] = curve.FromSharpness(lineSpec.SharpnessStep);
                    a["interpolation_barrier"] = curve.Barrier();
                    a["interpolation_edge_rise"] = curve.EdgeRise();
                    a["interpolation_argmin_distance"] = curve.ArgminDistance();
                    perRun[(pair.To, seed)]["end_sharpness"] = curve.ToSharpness(lineSpec.SharpnessStep);
                }
        }
        if (analysis.Sensitivity is { } sensitivity)
        {
            foreach (var run in runs)
            {
                var value = Cached(engine, e, $"sensitivity-{run.Model}-seed{run.Seed}", sensitivity, [run], () =>
                {
                    var data = Data();
                    using var model = ModelWeights.Build(e.Models[run.Model], dataset, Final(engine, e, run));
                    return new[] { SensitivityAnalysis.MeanJacobianNorm(model, data.TestX ?? data.TrainX, sensitivity.Batch) };
                });
                perRun[(run.Model, run.Seed)]["sensitivity"] = value[0];
            }
        }

        var merged = runs.Select(r => perRun[(r.Model, r.Seed)] is { Count: > 0 } extra
            ? r with { Scalars = (r.Scalars ?? new Dictionary<string, double>()).Concat(extra).ToDictionary(p => p.Key, p => p.Value) }
            : r).ToList();
        return new ExperimentResults(e, merged) { Pca = pca, Interpolations = curves, Scalars = scalars };
    }

    static float[] Final(Engine engine, ExperimentSpec e, RunResult run) =>
        engine.Weights(run) is { Count: > 0 } w ? w[^1] : throw MissingWeights(e, run);

    static InvalidOperationException MissingWeights(ExperimentSpec e, RunResult run) =>
        new($"{e.Id}: the analysis needs the weights of {run.Model} seed {run.Seed}, which the run did not keep; set record: {{ weights_every: N }} in the experiment");

    /// <summary>An analysis result, from this process's memo, the cache (keyed by the runs it reads and its spec), or computed and stored.</summary>
    static T Cached<T>(Engine engine, ExperimentSpec e, string name, object spec, IReadOnlyList<RunResult> runs, Func<T> compute) where T : class
    {
        var material = JsonSerializer.Serialize(new { engine = RunKey.EngineVersion, analyses = AnalysisVersion, analysis = name, spec, runs = runs.Select(r => r.Provenance.RunKey) }, Json.Canonical);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..16];
        var path = Path.Combine(engine.Cache.Root, "_analyses", e.Id, $"{name}-{key}.json");
        var lazy = Memo.GetOrAdd(path, _ => new Lazy<object>(() =>
        {
            if (RunCache.TryReadJson<T>(path) is { } cached) return cached;
            var value = compute();
            engine.Cache.WriteJson(path, value);
            return value;
        }));
        try { return (T)lazy.Value; }
        catch { Memo.TryRemove(path, out _); throw; }
    }
}
