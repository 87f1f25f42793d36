using Research.Baselines;
using Research.Diffs;
using Research.Specs;

namespace Research.Tests.Diffs;

/// <summary>Small synthetic reproduction records for the diff tests: one claim, one experiment, as written.</summary>
internal static class DiffRecords
{
    public static readonly BaselineSpec Rules = new()
    {
        Tolerances = new Dictionary<string, ToleranceSpec> { ["final_train_loss"] = new() { Relative = 0.01 }, ["series"] = new() { Relative = 0.01 } },
        Default = new ToleranceSpec { Relative = 1e-6 },
    };

    /// <param name="verdict">The claim's measured verdict (null: only recorded, as holds).</param>
    /// <param name="loss">small/seed1/final_train_loss.</param>
    /// <param name="extra">Further metrics of the snapshot.</param>
    /// <param name="y">fig-02/small/seed1/y (x is 1, 2, 3).</param>
    public static ReproductionRecord Record(Verdict? verdict = Verdict.Holds, double loss = 0.5, IReadOnlyDictionary<string, double>? extra = null,
        double[]? y = null) => new()
    {
        Profile = "ci",
        Fingerprint = "this machine",
        Measured = verdict is not null,
        Claims =
        [
            new ClaimRecord
            {
                Id = "faster", Section = "0", Source = ClaimSource.Text, Kind = ClaimKind.Comparison, Experiment = "tiny-fit",
                Verdicts = new Dictionary<string, VerdictRecord> { ["as_written"] = new() { Verdict = verdict, Recorded = Verdict.Holds } },
            },
        ],
        Experiments = new Dictionary<string, IReadOnlyDictionary<string, Snapshot>>
        {
            ["tiny-fit"] = new Dictionary<string, Snapshot>
            {
                ["as_written"] = new()
                {
                    Experiment = "tiny-fit", Profile = "ci", Fingerprint = "this machine",
                    Metrics = new Dictionary<string, double>(extra ?? new Dictionary<string, double>()) { ["small/seed1/final_train_loss"] = loss },
                    Series = new Dictionary<string, double[]> { ["fig-02/small/seed1/x"] = [1, 2, 3], ["fig-02/small/seed1/y"] = y ?? [1.0, 0.5, 0.25] },
                },
            },
        },
    };

    public static ReproductionDiff Compare(ReproductionRecord a, ReproductionRecord b) =>
        ReproductionDiff.Compare(new DiffSide("a", "side a", a), new DiffSide("b", "side b", b), Rules);
}
