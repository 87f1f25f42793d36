using Research.Analysis;
using Research.Runs;
using Research.Specs;
using Research.Torch;
using Research.Figures;
using Research.Training;
using Research.Measures;

namespace Research.Baselines;

/// <summary>Builds an experiment's <see cref="Snapshot"/> from its runs and figures.</summary>
public static class SnapshotBuilder
{
    /// <summary>Per-run measures pinned by baselines (those a run recorded).</summary>
    static readonly Measure[] RunMetrics = Measure.All.Where(m => m.Pinned).ToArray();

    /// <summary>Series longer than this are thinned (log-spaced for epochs, even for grids) to keep files reviewable.</summary>
    public const int MaxPoints = 200;

    /// <summary>
    /// An experiment's snapshot on this machine: per-run measures, experiment-wide values, its figures'
    /// series, every run's key (without the rounding switches) and the numerics fingerprint.
    /// </summary>
    public static Snapshot Build(ExperimentSpec e, DatasetSpec dataset, ExperimentResults results, IReadOnlyList<Figure> figures) =>
        Build(e.Id, e.Profile.ToString().ToLowerInvariant(), results.Runs, figures, results.Scalars) with
        {
            Fingerprint = Numerics.Fingerprint,
            Machine = Numerics.Machine,
            RunKeys = results.Runs.ToDictionary(r => $"{r.Model}/seed{r.Seed}", r => RunKey.For(e, dataset, r.Model, r.Seed, withNumerics: false)),
        };

    /// <summary>Per-run metrics, experiment-wide analysis results (PCA, as <c>experiment/&lt;name&gt;</c>) and every figure series.</summary>
    public static Snapshot Build(string experiment, string profile, IReadOnlyList<RunResult> runs, IReadOnlyList<Figure> figures,
        IReadOnlyDictionary<string, double>? experimentScalars = null)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in experimentScalars ?? new Dictionary<string, double>())
            metrics[$"experiment/{name}"] = value;
        foreach (var run in runs)
            foreach (var measure in RunMetrics)
            {
                double value;
                try { value = measure.Of(run); }
                catch (InvalidOperationException) { continue; } // not recorded by this experiment
                metrics[$"{run.Model}/seed{run.Seed}/{measure.Name}"] = value;
            }
        var series = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var figure in figures)
        {
            foreach (var s in figure.Series)
            {
                var keep = Thin(s.X.Length, logSpaced: figure.XLabel == "epoch");
                series[$"fig-{figure.Number:00}/{s.Id}/x"] = keep.Select(i => s.X[i]).ToArray();
                series[$"fig-{figure.Number:00}/{s.Id}/y"] = keep.Select(i => s.Y[i]).ToArray();
            }
            foreach (var b in figure.Bands)
            {
                // A band's x is its median's (SeedBands); its edges are pinned as the lines are.
                var keep = Thin(b.X.Length, logSpaced: figure.XLabel == "epoch");
                series[$"fig-{figure.Number:00}/{b.Id}/lower"] = keep.Select(i => b.Lower[i]).ToArray();
                series[$"fig-{figure.Number:00}/{b.Id}/upper"] = keep.Select(i => b.Upper[i]).ToArray();
            }
        }
        return new Snapshot { Experiment = experiment, Profile = profile, Metrics = metrics, Series = series };
    }

    static int[] Thin(int n, bool logSpaced)
    {
        if (n <= MaxPoints) return Enumerable.Range(0, n).ToArray();
        var picks = new SortedSet<int> { 0, n - 1 };
        for (int k = 0; k < MaxPoints; k++)
        {
            double t = k / (MaxPoints - 1.0);
            picks.Add(logSpaced ? (int)Math.Min(n - 1, Math.Round(Math.Pow(n, t)) - 1) : (int)Math.Round(t * (n - 1)));
        }
        return picks.ToArray();
    }
}
