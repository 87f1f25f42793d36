using Research.Specs;

namespace Research.Diffs;

/// <summary>One claim in a <see cref="ReproductionRecord"/>: what the report says and its verdict under each setting its experiment runs.</summary>
public sealed record ClaimRecord
{
    public required string Id { get; init; }
    public required string Section { get; init; }
    public required ClaimSource Source { get; init; }
    public required ClaimKind Kind { get; init; }
    public required string Experiment { get; init; }
    /// <summary>The report's own number(s), as text.</summary>
    public string? Reported { get; init; }
    /// <summary>setting (as_written, as_run, harness) → verdict.</summary>
    public required IReadOnlyDictionary<string, VerdictRecord> Verdicts { get; init; }
}
