using Research.Analysis;
using Research.Data;
using Research.Runs;
using Research.Specs;
using Research.Training;

namespace Research.Claims;

/// <summary>Gathers the runs a claim reads (trained once, through the engine's cache) and judges it.</summary>
public static class ClaimJudge
{
    public static ClaimResult Judge(this Engine engine, ClaimSpec claim, Profile profile, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var e = engine.Spec.Experiment(claim.Experiment, profile);
        var models = claim.Models.Append(claim.Than).OfType<string>().Distinct().ToList();
        // Analysis metrics (sensitivity, interpolation, PCA) read the whole experiment; the others only the claim's models.
        var analysed = Metrics.NeedsAnalysis(claim.Metric) || Metrics.NeedsAnalysis(claim.Versus) ? engine.Results(e, observer, cancel) : null;
        var all = analysed?.Runs ?? engine.RunMany(e, models.SelectMany(m => e.Seeds.Select(s => (m, s))), observer, cancel);
        var runs = models.ToDictionary(m => m, m => (IReadOnlyList<RunResult>)all.Where(r => r.Model == m).ToList());
        var data = engine.Spec.DatasetOf(e);
        double[]? target = data.Kind == DatasetKind.Function
            ? TargetFunctions.Sample(data.Function!.Value, data.Domain![0], data.Domain[1], data.Points).Y
            : null;
        return ClaimEvaluator.Evaluate(new ClaimInput(claim, e, runs, target, analysed?.Scalars));
    }
}
