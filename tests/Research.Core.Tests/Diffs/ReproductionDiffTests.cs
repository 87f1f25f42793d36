using FluentAssertions;
using Research.Diffs;
using Research.Specs;

namespace Research.Tests.Diffs;

/// <summary>What `research diff` reports between two records: flips, numbers beyond their tolerance, and counts of the rest.</summary>
public class ReproductionDiffTests
{
    [Fact]
    public void AVerdictThatFlipsIsReportedWithBothSides()
    {
        var diff = DiffRecords.Compare(DiffRecords.Record(Verdict.Holds), DiffRecords.Record(Verdict.Deviates));

        diff.Flips.Should().Be(1);
        diff.Verdicts.Should().ContainSingle().Which.Should().Be(new VerdictChange("faster", "0", "as_written", Verdict.Holds, Verdict.Deviates));
        DiffText.Write(diff).Should().Contain("§0 faster").And.Contain("holds → deviates").And.Contain("1 verdict flips");
    }

    [Fact]
    public void AChangeToPendingIsListedButIsNoFlip()
    {
        var pending = DiffRecords.Record(null) with
        {
            Claims = [DiffRecords.Record().Claims[0] with { Verdicts = new Dictionary<string, VerdictRecord> { ["as_written"] = new() { Pending = "not measured" } } }],
        };
        var diff = DiffRecords.Compare(DiffRecords.Record(), pending);

        diff.Verdicts.Should().ContainSingle().Which.B.Should().BeNull();
        diff.Flips.Should().Be(0);
        DiffText.Write(diff).Should().Contain("holds → pending").And.Contain("0 verdicts flip, 1 to or from pending");
    }

    [Fact]
    public void AVerdictRecordedAsVaryingBetweenCpusIsListedButIsNoFlip()
    {
        var committed = DiffRecords.Record(null);
        committed = committed with
        {
            Claims = [committed.Claims[0] with { Verdicts = new Dictionary<string, VerdictRecord> { ["as_written"] = new() { Recorded = Verdict.Holds, VariesByCpu = true } } }],
        };
        var diff = DiffRecords.Compare(DiffRecords.Record(Verdict.Deviates), committed);

        diff.Verdicts.Should().ContainSingle().Which.VariesByCpu.Should().BeTrue();
        diff.Flips.Should().Be(0, "the claim tests do not assert such a verdict on ci either");
        DiffText.Write(diff).Should().Contain("deviates → holds *").And.Contain("varies_by_cpu").And.Contain("0 verdicts flip, 1 varying between CPUs");

        DiffRecords.Compare(DiffRecords.Record(Verdict.Inconclusive), committed).Flips.Should().Be(1, "the CPU decides between holds and deviates, not an inconclusive verdict");
        var edited = committed with { Claims = [committed.Claims[0] with { Verdicts = new Dictionary<string, VerdictRecord> { ["as_written"] = new() { Recorded = Verdict.Deviates, VariesByCpu = true } } }] };
        DiffRecords.Compare(edited, committed).Flips.Should().Be(1, "two records differ by an edit of experiments.yaml, which no CPU explains");
    }

    [Fact]
    public void ANumberWithinItsToleranceIsCountedNotListed()
    {
        var diff = DiffRecords.Compare(DiffRecords.Record(loss: 0.5), DiffRecords.Record(loss: 0.502, y: [1.0, 0.501, 0.25]));

        diff.Numbers.Should().BeEmpty("0.4 % is inside the 1 % the rules allow the loss and the series");
        diff.Within.Should().Be(3, "the loss, and the x and y series, each count once");
        DiffText.Write(diff).Should().NotContain("beyond their tolerance (").And.Contain("0 numbers beyond tolerance, 3 within");
    }

    [Fact]
    public void ANumberBeyondItsToleranceIsListedWithItsChangeAndTolerance()
    {
        var diff = DiffRecords.Compare(DiffRecords.Record(loss: 0.5), DiffRecords.Record(loss: 0.55, y: [1.0, 0.5, 0.3]));

        diff.Numbers.Select(n => n.Key).Should().Equal("small/seed1/final_train_loss", "fig-02/small/seed1/y[2]");
        diff.Numbers[0].Relative.Should().BeApproximately(0.1, 1e-12);
        diff.Numbers[0].Tolerance.Should().Be("±1.00 %");
        var text = DiffText.Write(diff);
        text.Should().Contain("tiny-fit, as written").And.Contain("+10.0 %").And.Contain("2 numbers beyond tolerance");
        text.Split('\n').Should().OnlyContain(line => line.Length <= 80);
        diff.Flips.Should().Be(0, "numbers moving is no flip: the exit code stays 0");
    }

    [Fact]
    public void KeysOnOneSideOnlyAreCountedAndListedOnlyWithAll()
    {
        var extra = new Dictionary<string, double> { ["small/seed2/final_train_loss"] = 0.4, ["small/seed3/final_train_loss"] = 0.3 };
        var diff = DiffRecords.Compare(DiffRecords.Record(), DiffRecords.Record(extra: extra));

        diff.Keys.OnlyInB.Should().Equal("tiny-fit/as_written/small/seed2/final_train_loss", "tiny-fit/as_written/small/seed3/final_train_loss");
        diff.Keys.OnlyInA.Should().BeEmpty();
        DiffText.Write(diff).Should().Contain("2 values only in b").And.NotContain("small/seed2");
        DiffText.Write(diff, all: true).Should().Contain("Only in b (2):").And.Contain("tiny-fit/as_written/small/seed2/final_train_loss");
    }

    [Fact]
    public void ValuesNotPinnedAcrossMachinesAreCountedNotCompared()
    {
        var rules = DiffRecords.Rules with
        {
            Portable = new Dictionary<string, ToleranceSpec> { ["final_train_loss"] = new() { Unpinned = true }, ["series"] = new() { Relative = 0.5 } },
        };
        var other = DiffRecords.Record(loss: 5) with { Fingerprint = "another machine" };
        other = other with { Experiments = other.Experiments.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, Research.Baselines.Snapshot>)
            e.Value.ToDictionary(s => s.Key, s => s.Value with { Fingerprint = "another machine" })) };

        var diff = ReproductionDiff.Compare(new DiffSide("a", "a", DiffRecords.Record()), new DiffSide("b", "b", other), rules);

        diff.Numbers.Should().BeEmpty("a tenfold loss on another machine is not pinned there");
        diff.Keys.NotPinned.Should().Equal("tiny-fit/as_written/small/seed1/final_train_loss");
        diff.Within.Should().Be(2, "the series are pinned within 50 %");
        ReproductionDiff.Compare(new DiffSide("a", "a", DiffRecords.Record(loss: 5)), new DiffSide("b", "b", other), rules)
            .Within.Should().Be(3, "an unpinned value that did not move is as good as compared");
    }
}
