using System.Collections.Concurrent;
using Research.Analysis;
using Research.Claims;
using Research.Data;
using Research.Runs;
using Research.Specs;
using Research.Training;

namespace Research.Outcomes;

/// <summary>
/// The one pipeline after training: spec → runs (through the engine and its cache) → analyses →
/// claims, figures and the baseline snapshot, gathered into one <see cref="ExperimentOutcome"/> per
/// experiment and profile, built at most once however many callers ask at the same time.
/// </summary>
public sealed class Reproduction(Engine engine)
{
    readonly ConcurrentDictionary<(string, Profile, Variant), Lazy<ExperimentOutcome>> _outcomes = new();

    public Engine Engine { get; } = engine;
    public ResearchSpec Spec => Engine.Spec;

    /// <summary>An experiment's outcome on a profile under a variant: its runs trained if missing (else read from the cache), analysed and judged.</summary>
    /// <param name="experiment">The experiment's id.</param>
    /// <param name="profile">ci or full.</param>
    /// <param name="variant">Which of its settings (as written unless asked); one that cannot be run throws, with its reason.</param>
    /// <param name="observer">Progress of the runs that train (the first caller's).</param>
    /// <param name="cancel">Stops training between epochs.</param>
    public ExperimentOutcome Outcome(string experiment, Profile profile, Variant variant = Variant.AsWritten, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var e = Spec.Experiment(experiment, profile, variant); // an unknown id fails here, naming the known ones
        if (e.Unavailable is { } why)
            throw new InvalidOperationException($"{experiment} cannot be run {variant.Words()}: {why}");
        var key = (experiment, profile, variant);
        var lazy = _outcomes.GetOrAdd(key, _ => new Lazy<ExperimentOutcome>(() => Build(e, observer, cancel)));
        try { return lazy.Value; }
        catch { _outcomes.TryRemove(key, out _); throw; }
    }

    /// <summary>Every experiment's outcome on a profile under a variant, in experiments.yaml's order (those that cannot run it left out).</summary>
    public IReadOnlyList<ExperimentOutcome> Outcomes(Profile profile, Variant variant = Variant.AsWritten, IRunObserver? observer = null, CancellationToken cancel = default) =>
        Spec.Experiments.Values.Where(x => x.Runnable.Contains(variant)).Select(x => Outcome(x.Id, profile, variant, observer, cancel)).ToList();

    /// <summary>One claim's verdict on a profile under a variant (its experiment's outcome, built if needed).</summary>
    public ClaimResult Claim(string id, Profile profile, Variant variant = Variant.AsWritten, IRunObserver? observer = null, CancellationToken cancel = default) =>
        Spec.Claims.TryGetValue(id, out var claim)
            ? Outcome(claim.Experiment, profile, variant, observer, cancel).Claim(id)
            : throw new KeyNotFoundException($"no claim '{id}' in {Spec.SourceFile}");

    ExperimentOutcome Build(ExperimentSpec e, IRunObserver? observer, CancellationToken cancel)
    {
        var runs = Engine.RunAll(e, observer, cancel);
        var results = ExperimentAnalyses.Analyse(Engine, e, runs);
        var dataset = Spec.DatasetOf(e);
        double[]? target = dataset.Kind == DatasetKind.Function
            ? TargetFunctions.Sample(dataset.Function!.Value, dataset.Domain![0], dataset.Domain[1], dataset.Points).Y
            : null;
        var claims = Spec.Claims.Values.Where(c => c.Experiment == e.Id).Select(c => Judge(c, results, target)).ToList();
        return new ExperimentOutcome(e, dataset, results, claims);
    }

    static ClaimResult Judge(ClaimSpec claim, ExperimentResults results, double[]? target)
    {
        var models = claim.Models.Append(claim.Than).OfType<string>().Distinct();
        var runs = models.ToDictionary(m => m, results.Of);
        return ClaimEvaluator.Evaluate(new ClaimInput(claim, results.Experiment, runs, target, results.Scalars));
    }
}
