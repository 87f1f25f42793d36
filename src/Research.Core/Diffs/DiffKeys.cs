namespace Research.Diffs;

/// <summary>Keys a diff counts rather than lists (unless asked): present on one side only, or not compared.</summary>
public sealed record DiffKeys
{
    /// <summary>experiment/setting/key present only in a.</summary>
    public IReadOnlyList<string> OnlyInA { get; init; } = [];
    public IReadOnlyList<string> OnlyInB { get; init; } = [];
    /// <summary>Values the baselines do not pin across machines (the sides were measured on different CPUs) that moved: not compared.</summary>
    public IReadOnlyList<string> NotPinned { get; init; } = [];
    /// <summary>Series whose lengths differ (another number of epochs or points): not compared point by point.</summary>
    public IReadOnlyList<string> OtherLength { get; init; } = [];
    /// <summary>Runs whose key differs: a setting that changes the numbers changed.</summary>
    public IReadOnlyList<string> RunKeys { get; init; } = [];
    /// <summary>claim/setting judged on one side only.</summary>
    public IReadOnlyList<string> ClaimsOnlyInA { get; init; } = [];
    public IReadOnlyList<string> ClaimsOnlyInB { get; init; } = [];
}
