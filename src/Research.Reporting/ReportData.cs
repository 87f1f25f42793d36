using System.Globalization;
using Research.Claims;
using Research.Figures;
using Research.Outcomes;
using Research.Runs;
using Research.Specs;
using Research.Training;

namespace Research.Reporting;

/// <summary>
/// Everything the report shows, gathered from the engine for one profile: experiments in the report's
/// section order, every claim judged, every figure built. Depends only on the spec, the code and the
/// cached results, never on when or how it was gathered.
/// </summary>
public sealed record ReportData(ResearchSpec Spec, Profile Profile, string GitCommit, IReadOnlyList<ExperimentOutcome> Experiments)
{
    /// <summary>The name of the report being reproduced.</summary>
    public string Source { get; init; } = ReportGenerator.DefaultSource;

    /// <summary>Every claim, in the report's order (by section, then as listed in experiments.yaml).</summary>
    public IReadOnlyList<ClaimResult> Claims { get; } =
        Experiments.SelectMany(e => e.Claims).OrderBy(c => c.Claim.Section, SectionOrder.Comparer).ToList();

    /// <summary>The claims judged under the other variants (as run, harness), where their experiment can run them.</summary>
    public IReadOnlyList<ClaimResult> Alternatives { get; init; } = [];

    /// <summary>The experiments' outcomes under the other variants (as run, harness), for results.json's snapshots.</summary>
    public IReadOnlyList<ExperimentOutcome> AlternativeExperiments { get; init; } = [];

    /// <summary>The as-written claims judged under the alternatives of the choices the profile judges (issue 15); null when not asked for.</summary>
    public RobustnessResult? Robustness { get; init; }

    /// <summary>A claim's verdict under a variant: null where the experiment cannot run it (or declares no variants).</summary>
    public ClaimResult? Judged(string claim, Variant variant) => variant == Variant.AsWritten
        ? Claims.FirstOrDefault(c => c.Claim.Id == claim)
        : Alternatives.FirstOrDefault(c => c.Claim.Id == claim && c.Variant == variant);

    public IEnumerable<Figure> Figures => Experiments.SelectMany(e => e.Figures).OrderBy(f => f.Number);

    public IEnumerable<RunResult> Runs => Experiments.SelectMany(e => e.Results.Runs);

    public int Count(Verdict verdict) => Claims.Count(c => c.Verdict == verdict);

    /// <summary>
    /// Runs every experiment of the profile through the engine (trained if missing, else from the run
    /// cache), judges every claim (under every variant, and as written under each alternative the profile
    /// judges, unless <paramref name="robustness"/> is false; their runs are trained if missing) and builds every figure.
    /// </summary>
    /// <remarks>With <paramref name="only"/>, just those experiments and their claims (the report of a cluster job that trained a few); null: all of them.</remarks>
    public static ReportData Collect(Reproduction reproduction, Profile profile, IRunObserver? observer = null, CancellationToken cancel = default, bool robustness = true,
        IReadOnlyCollection<string>? only = null)
    {
        foreach (var id in only ?? []) reproduction.Spec.Experiment(id, profile); // an unknown id fails here, naming the known ones
        IEnumerable<ExperimentOutcome> OutcomesOf(Variant v) =>
            only is null ? reproduction.Outcomes(profile, v, observer, cancel)
                : reproduction.Spec.Experiments.Values.Where(x => only.Contains(x.Id) && x.Runnable.Contains(v)).Select(x => reproduction.Outcome(x.Id, profile, v, observer, cancel));
        var experiments = OutcomesOf(Variant.AsWritten).OrderBy(o => o.Experiment.Section, SectionOrder.Comparer).ToList();
        var others = Variants.All.Where(v => v != Variant.AsWritten).SelectMany(OutcomesOf).ToList();
        var data = new ReportData(reproduction.Spec, profile, GitInfo.Commit(reproduction.Engine.Paths.Root), experiments)
            { Alternatives = others.SelectMany(o => o.Claims).ToList(), AlternativeExperiments = others };
        var claims = only is null ? null : reproduction.Spec.Claims.Values.Where(c => only.Contains(c.Experiment)).Select(c => c.Id).ToList();
        return robustness
            ? data with { Robustness = Outcomes.Robustness.Judge(reproduction, profile, Variant.AsWritten, Outcomes.Robustness.Declared(reproduction.Spec, profile), claims, observer, cancel,
                Outcomes.Robustness.DeclaredInteractions(reproduction.Spec, profile)) }
            : data;
    }
}

/// <summary>Sections as the report numbers them: 1.1 &lt; 1.1.1 &lt; 1.1.2 &lt; 1.2 &lt; 2.1 … &lt; 3.3.2 (numerically, not as text).</summary>
public static class SectionOrder
{
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    static int Compare(string? a, string? b)
    {
        var x = Parts(a);
        var y = Parts(b);
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(a, b);
    }

    static int[] Parts(string? section) =>
        (section ?? "").Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue).ToArray();
}
