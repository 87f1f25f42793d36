using FluentAssertions;
using Research.Diffs;
using Research.Specs;

namespace Research.Tests.Diffs;

/// <summary>The diff's and results.json's JSON: what is written reads back the same.</summary>
public class DiffJsonTests
{
    [Fact]
    public void ADiffSurvivesAJsonRoundTrip()
    {
        var diff = DiffRecords.Compare(DiffRecords.Record(Verdict.Holds, loss: 0.5), DiffRecords.Record(Verdict.Deviates, loss: 0.6, extra: new Dictionary<string, double> { ["k"] = 1 }));

        var json = DiffJson.Write(diff);
        var back = DiffJson.Read(json);

        json.Should().Contain("\"flips\": 1").And.Contain("\"only_in_b\"");
        back.Verdicts.Should().Equal(diff.Verdicts);
        back.Numbers.Should().Equal(diff.Numbers);
        back.Keys.OnlyInB.Should().Equal(diff.Keys.OnlyInB);
        back.Flips.Should().Be(1);
        DiffText.Write(back).Should().Be(DiffText.Write(diff));
    }

    [Fact]
    public void AResultsFileSurvivesAJsonRoundTripWithItsSeriesOnOneLine()
    {
        var record = DiffRecords.Record(y: [1.0, double.NaN, 1.0 / 3]);

        var json = ResultsFile.Serialize(record);
        var back = ResultsFile.Parse(json, "results.json");

        json.Should().Contain("\"schema\": 1").And.Contain("[1,\"NaN\",0.3333333]");
        back.Claims.Single().Verdicts["as_written"].Should().Be(record.Claims.Single().Verdicts["as_written"]);
        back.Experiments["tiny-fit"]["as_written"].Series["fig-02/small/seed1/y"][2].Should().BeApproximately(1.0 / 3, 1e-7);
        DiffRecords.Compare(record, back).Numbers.Should().BeEmpty("7 digits are far inside the 1 % a series may move");
    }

    [Fact]
    public void AResultsFileOfAnotherSchemaIsRefusedByName()
    {
        var act = () => ResultsFile.Parse("{\"schema\": 7}", "reports/x/results.json");

        act.Should().Throw<RecordException>().WithMessage("reports/x/results.json: is not a results.json of schema 1*");
    }
}
