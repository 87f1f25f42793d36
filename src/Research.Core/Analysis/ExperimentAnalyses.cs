using Research.Measures;
using Research.Runs;
using Research.Specs;
using Research.Training;

namespace Research.Analysis;

/// <summary>Runs an experiment's analyses (as its spec lists them) over its trained runs.</summary>
public static class ExperimentAnalyses
{
    /// <param name="engine">The engine: its data, the runs' weights and its analysis cache.</param>
    /// <param name="e">The experiment, resolved for a profile.</param>
    /// <param name="runs">Its runs: every model × seed of the profile, or some of them when <paramref name="sample"/>.</param>
    /// <param name="sample">
    /// Only the per-run analyses of the runs given (sensitivities, and interpolations whose two ends are both
    /// given), as <c>research baseline</c> checks a sample; experiment-wide ones (PCA) need every run and are left out.
    /// </param>
    public static ExperimentResults Analyse(Engine engine, ExperimentSpec e, IReadOnlyList<RunResult> runs, bool sample = false)
    {
        if (e.Analysis is not { } analysis) return new ExperimentResults(e, runs);
        var context = new AnalysisContext(engine, e, runs);
        var pca = analysis.Pca is { } pcaSpec && !sample ? Pca(context, pcaSpec) : null;
        var curves = analysis.Interpolation is { } lineSpec ? Interpolations(context, lineSpec, sample) : [];
        if (analysis.Sensitivity is { } sensitivity) Sensitivities(context, sensitivity);
        return new ExperimentResults(e, context.Merged()) { Pca = pca, Interpolations = curves, Scalars = context.ExperimentValues };
    }

    static PcaResult Pca(AnalysisContext context, PcaSpec spec)
    {
        var pca = context.Cached("pca", spec, context.Runs, () => PcaAnalysis.Compute(context.Runs.Select(context.Weights).ToList(), spec));
        context.Set(Measure.PcaExplainedVariance, pca.Whole.ExplainedTotal);
        context.Set(Measure.PcaLayerExplainedVariance, pca.Layer.ExplainedTotal);
        context.Set(Measure.PcaLayerAgreement, pca.LayerAgreement);
        context.Set(Measure.PcaLayerSubspaceAgreement, pca.LayerSubspaceAgreement);
        context.Set(Measure.PcaStartSeparation, pca.StartSeparation);
        context.Set(Measure.PcaDirectionCosine, pca.DirectionCosine);
        return pca;
    }

    static List<InterpolationCurve> Interpolations(AnalysisContext context, InterpolationSpec spec, bool sample)
    {
        var curves = new List<InterpolationCurve>();
        foreach (var pair in spec.Pairs)
            foreach (var seed in context.Experiment.Seeds)
            {
                if (sample && !(context.Has(pair.From, seed) && context.Has(pair.To, seed))) continue;
                RunResult from = context.Run(pair.From, seed), to = context.Run(pair.To, seed);
                var curve = context.Cached($"interpolation-{pair.From}-{pair.To}-seed{seed}", spec, [from, to], () =>
                    InterpolationAnalysis.Compute(context.Experiment, context.Dataset, context.Data(), pair, seed,
                        context.Final(from), context.Final(to), spec));
                curves.Add(curve);
                context.Set(from, Measure.EndSharpness, curve.FromSharpness(spec.SharpnessStep));
                context.Set(from, Measure.InterpolationBarrier, curve.Barrier());
                context.Set(from, Measure.InterpolationBarrierToNoise, curve.BarrierToNoise());
                context.Set(from, Measure.InterpolationEdgeRise, curve.EdgeRise());
                context.Set(from, Measure.InterpolationArgminDistance, curve.ArgminDistance());
                context.Set(to, Measure.EndSharpness, curve.ToSharpness(spec.SharpnessStep));
            }
        return curves;
    }

    static void Sensitivities(AnalysisContext context, SensitivitySpec spec)
    {
        foreach (var run in context.Runs)
        {
            if (spec.Of == SensitivityKind.ParameterGradient)
            {
                // Every epoch has the same steps, so the mean of the epochs' means is the mean over all steps.
                var norms = run.Metrics.GradientNorm ?? throw new InvalidOperationException($"{context.Experiment.Id}: sensitivity of parameter_gradient needs record: {{ gradient_norm: true }}");
                context.Set(run, Measure.Sensitivity, norms.Average());
                continue;
            }
            var value = context.Cached($"sensitivity-{run.Model}-seed{run.Seed}", spec, [run], () =>
            {
                var data = context.Data();
                using var model = ModelWeights.Build(context.Experiment.Models[run.Model], context.Dataset, context.Final(run));
                var (x, y) = (data.TestX ?? data.TrainX, data.TestY ?? data.TrainY);
                return new[]
                {
                    spec.Of == SensitivityKind.LossInputGradient
                        ? SensitivityAnalysis.MeanLossGradientNorm(model, x, y, context.Experiment.Loss, spec.Batch)
                        : SensitivityAnalysis.MeanJacobianNorm(model, x, spec.Batch),
                };
            });
            context.Set(run, Measure.Sensitivity, value[0]);
        }
    }
}
