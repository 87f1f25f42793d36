using FluentAssertions;
using Research.Baselines;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Baselines;

public class BaselineTests
{
    static Snapshot Snap(double loss, int epochs, double[] series, string machine = "this machine", string key = "k1") => new()
    {
        Experiment = "exp", Profile = "ci", Fingerprint = machine,
        RunKeys = new Dictionary<string, string> { ["m/seed1"] = key },
        Metrics = new Dictionary<string, double> { ["m/seed1/final_train_loss"] = loss, ["m/seed1/converged_epoch"] = epochs },
        Series = new Dictionary<string, double[]> { ["fig-02/m/seed1/y"] = series },
    };

    static readonly BaselineSpec Rules = new()
    {
        Default = new ToleranceSpec { Relative = 1e-3 },
        Tolerances = new Dictionary<string, ToleranceSpec>
        {
            ["converged_epoch"] = new() { Relative = 0.02 },
            ["series"] = new() { Relative = 0.01 },
        },
        PortableDefault = new ToleranceSpec { Relative = 0.05 },
        Portable = new Dictionary<string, ToleranceSpec>
        {
            ["exp/converged_epoch"] = new() { Unpinned = true, Reason = "chaotic" },
            ["series"] = new() { Relative = 0.2 },
        },
    };

    [Fact]
    public void AProfilesOwnPortableEntryComesFirstForItsSnapshotsAndLeavesTheOtherProfilesAlone()
    {
        var rules = Rules with
        {
            Portable = new Dictionary<string, ToleranceSpec>(Rules.Portable)
            {
                ["full:exp/*"] = new() { Relative = 0.5, Reason = "the full runs drift apart across CPUs" },
            },
        };
        var ci = Snap(0.001, 1000, [1, 2]);
        var drifted = Snap(0.0014, 1000, [1, 2], machine: "another");
        SnapshotComparer.Compare(ci, drifted, rules).Should().ContainSingle("ci keeps the portable 5%").Which.Key.Should().Be("m/seed1/final_train_loss");
        SnapshotComparer.Compare(ci with { Profile = "full" }, drifted with { Profile = "full" }, rules).Should().BeEmpty("40% is within full's own 50%");
        SnapshotComparer.Compare(ci with { Profile = "full" }, drifted with { Profile = "full", Fingerprint = "this machine" }, rules)
            .Should().ContainSingle("on the accepting machine the strict tolerances apply, whatever the profile");
        SnapshotComparer.ToleranceOf("exp", "m/seed1/final_train_loss", rules, strict: false, "full").Relative.Should().Be(0.5);
        SnapshotComparer.ToleranceOf("exp", "m/seed1/final_train_loss", rules, strict: false).Relative.Should().Be(0.05);
    }

    [Fact]
    public void OnAnotherMachineThePortableTolerancesApplyAndUnpinnedValuesAreSkipped()
    {
        // 1000 → 1500 epochs and a 4% loss change: real on this machine, rounding on another.
        SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2]), Snap(0.00104, 1500, [1.1, 2]), Rules).Should().HaveCount(3);
        SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2]), Snap(0.00104, 1500, [1.1, 2], machine: "another"), Rules).Should().BeEmpty();
        SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2], machine: null!), Snap(0.00104, 1500, [1.1, 2]), Rules)
            .Should().BeEmpty("a baseline that recorded no fingerprint is from another machine");
        SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2]), Snap(0.0011, 1000, [1, 2], machine: "another"), Rules)
            .Select(d => d.ToString()).Should().Equal("exp.verified.json: m/seed1/final_train_loss: expected 0.001, got 0.0011 (tolerance ±5.00 %, portable: another machine)");
    }

    [Fact]
    public void AChangedRunKeyFailsOnEveryMachine()
    {
        foreach (var machine in new[] { "this machine", "another" })
            SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2]), Snap(0.001, 1000, [1, 2], machine, key: "k2"), Rules)
                .Select(d => d.ToString()).Should().Equal("exp.verified.json: m/seed1/run_key: expected k1, got k2 (tolerance exact: a setting that changes the numbers changed)");
    }

    [Fact]
    public void ValuesWithinTheirToleranceMatch()
    {
        SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2]), Snap(0.0010005, 1015, [1.005, 2]), Rules).Should().BeEmpty();
    }

    [Fact]
    public void EveryDifferenceIsListedWithExpectedActualAndTolerance()
    {
        var differences = SnapshotComparer.Compare(Snap(0.001, 1000, [1, 2, 3]), Snap(0.002, 1100, [1, 2.5, 3.5]), Rules);
        differences.Select(d => d.ToString()).Should().Equal(
            "exp.verified.json: m/seed1/converged_epoch: expected 1000, got 1100 (tolerance ±2.00 %)",
            "exp.verified.json: m/seed1/final_train_loss: expected 0.001, got 0.002 (tolerance ±0.10 %)",
            "exp.verified.json: fig-02/m/seed1/y[1] (and 1 more points): expected 2, got 2.5 (tolerance ±1.00 %)");
    }

    [Fact]
    public void ASampleOfRunsIsComparedWithItsOwnPartOfTheBaseline()
    {
        // The baseline holds seeds 1 and 2 and a figure; a sample retrained elsewhere holds seed 2 only.
        var baseline = Snap(0.001, 1000, [1, 2]) with
        {
            Metrics = new Dictionary<string, double> { ["m/seed1/final_train_loss"] = 0.001, ["m/seed2/final_train_loss"] = 0.002, ["experiment/pca"] = 1 },
            RunKeys = new Dictionary<string, string> { ["m/seed1"] = "k1", ["m/seed2"] = "k2" },
        };
        var sample = baseline.OfRuns(["m/seed2"]);
        sample.Metrics.Should().Equal(new Dictionary<string, double> { ["m/seed2/final_train_loss"] = 0.002 });
        sample.Series.Should().BeEmpty("a figure's series need every run");
        sample.RunKeys.Should().Equal(new Dictionary<string, string> { ["m/seed2"] = "k2" });

        Snapshot Seed2(double loss) => new()
        {
            Experiment = "exp", Profile = "ci", Fingerprint = "another", Series = new Dictionary<string, double[]>(),
            Metrics = new Dictionary<string, double> { ["m/seed2/final_train_loss"] = loss },
            RunKeys = new Dictionary<string, string> { ["m/seed2"] = "k2" },
        };
        SnapshotComparer.Compare(sample, Seed2(0.00205), Rules).Should().BeEmpty("2.5% is within the portable 5%");
        SnapshotComparer.Compare(sample, Seed2(0.0025), Rules).Should().ContainSingle().Which.Key.Should().Be("m/seed2/final_train_loss");
        SnapshotComparer.Compare(sample with { Fingerprint = "another" }, Seed2(0.00205), Rules).Should().ContainSingle("on the same machine the strict 0.1% applies");
    }

    [Fact]
    public void ACorruptVerifiedFileIsNamedWithTheFix()
    {
        var store = new BaselineStore(TestSpecs.TempDir());
        File.WriteAllText(store.PathOf("exp.verified.json"), "{ \"experiment\": \"exp\", \"metrics\": {");
        var act = () => store.ReadSnapshot("exp");
        act.Should().Throw<BaselineException>().Which.Message.Should()
            .Contain("exp.verified.json: is not a valid baseline").And.Contain("./build.sh accept");
    }
}
