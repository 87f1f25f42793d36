using Research.Specs;

namespace Research.Diffs;

/// <summary>A claim's verdict under one setting: as measured (a report) and as experiments.yaml records it.</summary>
public sealed record VerdictRecord
{
    /// <summary>The measured verdict; null in a committed record, which measured nothing.</summary>
    public Verdict? Verdict { get; init; }
    /// <summary>The verdict experiments.yaml records for the profile; null while pending.</summary>
    public Verdict? Recorded { get; init; }
    /// <summary>Why the recorded verdict is pending.</summary>
    public string? Pending { get; init; }
    /// <summary>True when experiments.yaml records the verdict as decided by the CPU's kernels on this profile (varies_by_cpu, on every profile, as the claim tests read it): a measured change between holds and deviates is then no flip.</summary>
    public bool? VariesByCpu { get; init; }
    /// <summary>The judgement in words, as the report prints it.</summary>
    public string? Message { get; init; }
    public string? Statistic { get; init; }
    /// <summary>The reproduced values: model → one value per seed.</summary>
    public IReadOnlyDictionary<string, double[]>? Values { get; init; }

    /// <summary>What a side of a diff says: the measured verdict where there is one, else the recorded one (null: pending).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Verdict? Effective => Verdict ?? Recorded;
}
