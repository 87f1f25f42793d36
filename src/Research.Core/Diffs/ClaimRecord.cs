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

    /// <summary>The claim as its spec states it, with <paramref name="verdicts"/> (a committed record's or a measured one's).</summary>
    public static ClaimRecord Of(ClaimSpec claim, IReadOnlyDictionary<string, VerdictRecord> verdicts) => new()
    {
        Id = claim.Id, Section = claim.Section, Source = claim.Source, Kind = claim.Kind,
        Experiment = claim.Experiment, Reported = claim.Reported, Verdicts = verdicts,
    };
}
