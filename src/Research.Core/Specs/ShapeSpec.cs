using Research.Specs;

namespace Research.Specs;

/// <summary>
/// Shape checks on one per-epoch series (all that are given must hold): a drop by a factor by an epoch,
/// and a plateau after an epoch (at most a given fraction of the series' total change happens after it).
/// </summary>
public sealed record ShapeSpec
{
    /// <summary>train_loss, test_loss, gradient_norm, train_accuracy, test_accuracy.</summary>
    public required string Series { get; init; }
    /// <summary>The value at <see cref="ByEpoch"/> is at most start / <see cref="DropFactor"/>.</summary>
    [SpecRange(Min = 1, MinExclusive = true)] public double? DropFactor { get; init; }
    [SpecRange(Min = 1)] public int? ByEpoch { get; init; }
    /// <summary>After this epoch, at most <see cref="MaxLaterFraction"/> of the series' total change (first to last epoch) remains.</summary>
    [SpecRange(Min = 1)] public int? PlateauAfter { get; init; }
    [SpecRange(Min = 0, Max = 1)] public double? MaxLaterFraction { get; init; }
    /// <summary>The series rises (falls) over the epochs: Mann–Kendall, one-sided p ≤ <see cref="TrendAlpha"/>; the measured value is Kendall's τ.</summary>
    public TrendDirection? Direction { get; init; }
    [SpecRange(Min = 0, Max = 1, MinExclusive = true)] public double TrendAlpha { get; init; } = 0.01;
    /// <summary>
    /// A bump: three epochs [before, peak, after]; the series' mean over ±<see cref="BumpWindow"/> epochs around the peak is
    /// above the mean around <c>before</c>, and the mean around <c>after</c> is below the peak's. The measured value is peak ÷ before.
    /// </summary>
    public IReadOnlyList<int>? Bump { get; init; }
    [SpecRange(Min = 0)] public int BumpWindow { get; init; } = 25;
}
