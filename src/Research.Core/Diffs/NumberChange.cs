namespace Research.Diffs;

/// <summary>A pinned number (a metric, or a series' worst point) that moved beyond its tolerance between the two sides.</summary>
/// <param name="Experiment">The experiment's id.</param>
/// <param name="Setting">as_written, as_run or harness.</param>
/// <param name="Key">The baseline's key (model-1/seed1/converged_epoch, fig-02/model-1/seed1/y[17]).</param>
/// <param name="A">Side a's value.</param>
/// <param name="B">Side b's value.</param>
/// <param name="Tolerance">The tolerance that applied, as experiments.yaml's baselines: give it.</param>
public sealed record NumberChange(string Experiment, string Setting, string Key, double A, double B, string Tolerance)
{
    /// <summary>(b − a) / |a|; null when a is 0.</summary>
    public double? Relative => A == 0 ? null : (B - A) / Math.Abs(A);
}
