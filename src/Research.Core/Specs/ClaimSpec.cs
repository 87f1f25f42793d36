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
    /// <summary>Whether the report's text states the claim, one of its figures is read to show it, or it is a published finding (<see cref="ClaimSource"/>).</summary>
    public required ClaimSource Source { get; init; }

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
    /// <summary>
    /// comparison: the listed model's metric is compared with this multiple of <see cref="Than"/>'s (less: m &lt; factor × than;
    /// greater: m &gt; factor × than; within: m &lt; factor × than and than &lt; factor × m). 1 is a plain comparison;
    /// 3 with within reads "comparable: within a factor of 3 either way".
    /// Unset stays out of the claim's spec.
    /// </summary>
    [SpecRange(Min = 0, MinExclusive = true)] public double? Factor { get; init; }
    public TrendDirection? Direction { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public ShapeSpec? Shape { get; init; }
    public RuleSpec Rule { get; init; } = new() { Kind = RuleKind.Fraction };

    /// <summary>parameters: the report's counts, one per listed model (the models' own <c>parameters</c> are what each variant's layers must give).</summary>
    public IReadOnlyList<long>? Counts { get; init; }

    /// <summary>Why the thresholds and rule are what they are (report numbers, measured spread).</summary>
    public required string Reason { get; init; }
    /// <summary>As written (the full profile's default variant): the verdict measured on the full profile.</summary>
    public Verdict? Expect { get; init; }
    /// <summary>The verdict on the ci profile when its smaller budget cannot give <see cref="Expect"/> (e.g. too few seeds).</summary>
    public Verdict? ExpectCi { get; init; }
    /// <summary>Measured evidence, required when <see cref="Expect"/> (or <see cref="ExpectCi"/>) is not holds.</summary>
    public string? Evidence { get; init; }
    /// <summary>Why the full profile's as-written verdict is not recorded yet.</summary>
    public string? Pending { get; init; }
    /// <summary>Measured: the verdict as written flips between CPU kernels, on every profile (see <see cref="ClaimExpectation.VariesByCpu"/>).</summary>
    public string? VariesByCpu { get; init; }
    /// <summary>The verdicts measured under the report code's settings.</summary>
    public ClaimExpectation? AsRun { get; init; }
    /// <summary>The verdicts measured under the harness's settings.</summary>
    public ClaimExpectation? Harness { get; init; }

    /// <summary>What the project recorded for this claim under a variant.</summary>
    public ClaimExpectation Expectation(Variant variant) => variant switch
    {
        Variant.AsRun => AsRun ?? new ClaimExpectation(),
        Variant.Harness => Harness ?? new ClaimExpectation(),
        _ => new ClaimExpectation { Expect = Expect, ExpectCi = ExpectCi, Evidence = Evidence, Pending = Pending, VariesByCpu = VariesByCpu },
    };

    /// <summary>The recorded verdict on a profile under a variant; null while it is pending.</summary>
    public Verdict? Expected(Profile profile, Variant variant = Variant.AsWritten) => Expectation(variant).Expected(profile);
}
