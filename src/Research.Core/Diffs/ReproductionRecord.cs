using Research.Baselines;

namespace Research.Diffs;

/// <summary>
/// A reproduction as data, the content of a report's results.json (schema 1): every claim's verdicts per
/// setting beside the verdicts experiments.yaml records, and per experiment and setting what its baseline
/// pins (metrics and thinned figure series). A committed record (a profile's experiments.yaml and
/// baselines, in the working tree or at a commit) has the same shape with only the recorded verdicts.
/// </summary>
public sealed record ReproductionRecord
{
    public const int SchemaVersion = 1;

    public int Schema { get; init; } = SchemaVersion;
    /// <summary>The report reproduced (hw1-report.md).</summary>
    public string? Source { get; init; }
    /// <summary>ci or full.</summary>
    public required string Profile { get; init; }
    /// <summary>The commit the reproduction (or the record) comes from, as git describe gives it.</summary>
    public string? Commit { get; init; }
    public string? SpecSha256 { get; init; }
    /// <summary>The CPU, vector extensions, rounding switches and libtorch of the machine that measured it (for a committed record: that accepted its baselines).</summary>
    public string? Machine { get; init; }
    /// <summary>The numerics fingerprint of that machine: equal fingerprints on both sides of a diff select the strict tolerances.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>Whether the verdicts were measured (a report) or only recorded (experiments.yaml).</summary>
    public bool Measured { get; init; }
    public required IReadOnlyList<ClaimRecord> Claims { get; init; }
    /// <summary>experiment → setting (as_written, as_run, harness) → its metrics and series, as the baselines pin them.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, Snapshot>> Experiments { get; init; }
    /// <summary>figure number → how its axes read (absent in a committed record: the baselines keep only the series).</summary>
    public IReadOnlyDictionary<int, FigureAxes>? Figures { get; init; }
}
