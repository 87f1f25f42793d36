using Research.Analysis;
using Research.Baselines;
using Research.Claims;
using Research.Figures;
using Research.Specs;

namespace Research.Outcomes;

/// <summary>
/// One experiment of one profile after training: its runs with their analyses, its figures, the verdict
/// of each of its claims and the snapshot its baseline pins. Built once per experiment and profile by a
/// <see cref="Reproduction"/>; the CLI, the claim and baseline tests and the report all read it.
/// </summary>
public sealed class ExperimentOutcome
{
    readonly Lazy<IReadOnlyList<Figure>> _figures;
    readonly Lazy<Snapshot> _snapshot;

    public ExperimentOutcome(ExperimentSpec experiment, DatasetSpec dataset, ExperimentResults results, IReadOnlyList<ClaimResult> claims)
    {
        Experiment = experiment;
        Dataset = dataset;
        Results = results;
        Claims = claims;
        // Figures and the snapshot are built when first asked for: a claim test reads neither.
        _figures = new(() => FigureBuilder.Build(experiment, dataset, results));
        _snapshot = new(() => SnapshotBuilder.Build(experiment, dataset, results, Figures));
    }

    public ExperimentSpec Experiment { get; }
    public DatasetSpec Dataset { get; }
    /// <summary>Every model × seed of the profile, with the analyses' values merged in.</summary>
    public ExperimentResults Results { get; }
    /// <summary>The experiment's claims, judged, in the order experiments.yaml lists them.</summary>
    public IReadOnlyList<ClaimResult> Claims { get; }
    /// <summary>The report's figures this experiment redraws, as data.</summary>
    public IReadOnlyList<Figure> Figures => _figures.Value;
    /// <summary>What its baseline pins: per-run measures, experiment-wide values, figure series, run keys, this machine's fingerprint.</summary>
    public Snapshot Snapshot => _snapshot.Value;

    public ClaimResult Claim(string id) => Claims.SingleOrDefault(c => c.Claim.Id == id)
        ?? throw new KeyNotFoundException($"experiment {Experiment.Id} has no claim '{id}'");
}
