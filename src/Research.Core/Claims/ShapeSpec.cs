using Research.Specs;

namespace Research.Claims;

/// <summary>
/// Shape checks on one per-epoch series (all that are given must hold): a drop by a factor by an epoch,
/// a plateau after an epoch (relative change over the rest of training at most a bound), a minimum near
/// given x positions.
/// </summary>
public sealed record ShapeSpec
{
    /// <summary>train_loss, test_loss, gradient_norm, train_accuracy, test_accuracy.</summary>
    public required string Series { get; init; }
    /// <summary>The value at <see cref="ByEpoch"/> is at most start / <see cref="DropFactor"/>.</summary>
    [SpecRange(Min = 1, MinExclusive = true)] public double? DropFactor { get; init; }
    [SpecRange(Min = 1)] public int? ByEpoch { get; init; }
    /// <summary>From this epoch on, the series changes by at most <see cref="MaxRelativeChange"/> of its value there.</summary>
    [SpecRange(Min = 1)] public int? PlateauAfter { get; init; }
    [SpecRange(Min = 0)] public double? MaxRelativeChange { get; init; }
}
