using Research.Specs;

namespace Research.Specs;

/// <summary>
/// One claim of the report, as a test asserts it: the report's words and number, what is measured, the
/// rule over seeds, and the verdict the project expects today (a deviation carries its evidence).
/// </summary>
public sealed record ClaimSpec
{
    [FromKey] public string Id { get; init; } = "";
    public required string Section { get; init; }
    /// <summary>The report's words, quoted.</summary>
    public required string Quote { get; init; }
    /// <summary>The report's own number(s), as text.</summary>
    public string? Reported { get; init; }

    public required ClaimKind Kind { get; init; }
    public required string Experiment { get; init; }
    /// <summary>Per-run metric (see the registered measures, Measure.All); not used by shape and parameters claims.</summary>
    public string? Metric { get; init; }
    /// <summary>range, parameters: the models checked; comparison: the models expected less/greater than <see cref="Than"/>; ordering, trend: in order.</summary>
    public required IReadOnlyList<string> Models { get; init; }
    public string? Than { get; init; }
    /// <summary>correlation: the metric on the x axis (the claim's metric is y).</summary>
    public string? Versus { get; init; }
    public Relation Relation { get; init; } = Relation.Less;
    public TrendDirection? Direction { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public ShapeSpec? Shape { get; init; }
    public RuleSpec Rule { get; init; } = new() { Kind = RuleKind.Fraction };

    /// <summary>Why the thresholds and rule are what they are (report numbers, measured spread).</summary>
    public required string Reason { get; init; }
    public required Verdict Expect { get; init; }
    /// <summary>The verdict on the ci profile when its smaller budget cannot give <see cref="Expect"/> (e.g. too few seeds).</summary>
    public Verdict? ExpectCi { get; init; }
    /// <summary>Measured evidence, required when <see cref="Expect"/> (or <see cref="ExpectCi"/>) is not holds.</summary>
    public string? Evidence { get; init; }

    public Verdict Expected(Profile profile) => profile == Profile.Ci && ExpectCi is { } ci ? ci : Expect;
}
