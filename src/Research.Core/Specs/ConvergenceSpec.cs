namespace Research.Specs;

/// <summary>
/// The report's "near-zero loss that no longer decreases", made precise: a run has converged at the
/// first epoch that ends a streak of <see cref="Patience"/> consecutive epochs whose training loss is
/// below <see cref="LossBelow"/>. Training stops there (early stop).
/// </summary>
public sealed record ConvergenceSpec
{
    [SpecRange(Min = 0, MinExclusive = true)] public required double LossBelow { get; init; }
    [SpecRange(Min = 1)] public int Patience { get; init; } = 1;
}
