namespace Research.Specs;

/// <summary>What a claim asserts. See <see cref="ClaimSpec"/> for the fields each kind reads.</summary>
public enum ClaimKind
{
    /// <summary>Each listed model's metric lies in [min, max].</summary>
    Range,
    /// <summary>Each listed model's metric is less (or greater) than that of <c>than</c>, seed by seed.</summary>
    Comparison,
    /// <summary>The listed models' metric is ordered: m1 &lt; m2 &lt; … (or &gt;), seed by seed.</summary>
    Ordering,
    /// <summary>The metric rises or falls along a sweep of models, by a rank statistic.</summary>
    Trend,
    /// <summary>A per-epoch series has a stated shape: a drop by a factor, a plateau, a minimum near a point.</summary>
    Shape,
    /// <summary>Each listed model, as built, has the parameter count the report states.</summary>
    Parameters,
    /// <summary>Across all runs of the listed models, the metric rises (or falls) with <c>versus</c>, by Spearman's ρ.</summary>
    Correlation,
}

/// <summary>How values across seeds decide a claim.</summary>
public enum RuleKind
{
    /// <summary>At least <c>at_least</c> of the seeds satisfy the claim.</summary>
    Fraction,
    /// <summary>One-sided sign test over seeds at level <c>alpha</c>.</summary>
    SignTest,
    /// <summary>The mean over seeds ± its <c>confidence</c> t-interval lies inside [min, max].</summary>
    MeanCi,
    /// <summary>Spearman rank correlation of metric vs sweep position (all seeds pooled) at level <c>alpha</c>.</summary>
    Spearman,
    /// <summary>Mann–Kendall test on the per-model means along the sweep at level <c>alpha</c>.</summary>
    MannKendall,
}

/// <summary>A comparison's relation: less, greater, or within (comparison only: each side below factor × the other).</summary>
public enum Relation { Less, Greater, Within }

public enum TrendDirection { Increasing, Decreasing }

/// <summary>The verdict on a claim: as the report says, not as it says, or undecidable (e.g. runs diverged).</summary>
public enum Verdict { Holds, Deviates, Inconclusive }

/// <summary>Rules over verdicts that the claim results and the diff share.</summary>
public static class Verdicts
{
    /// <summary>
    /// Both verdicts are decided (holds or deviates): the pair a CPU's kernels can swap where experiments.yaml records
    /// varies_by_cpu. An inconclusive or pending one is a change the CPU does not explain.
    /// </summary>
    public static bool BothDecided(Verdict? a, Verdict? b) => a is Verdict.Holds or Verdict.Deviates && b is Verdict.Holds or Verdict.Deviates;
}

/// <summary>
/// Where a claim comes from (issue 15): headline counts are split by it, and the report's own statements
/// lead. A claim read from a figure or taken from the literature tests something the report's text does not say.
/// </summary>
public enum ClaimSource
{
    /// <summary>The report's text states it (a number or a finding in its words).</summary>
    Text,
    /// <summary>What one of the report's figures is read to show; the text states no such pattern.</summary>
    Figure,
    /// <summary>A published finding the experiment follows, or the course's expectation for it; the report does not state it.</summary>
    Published,
}
