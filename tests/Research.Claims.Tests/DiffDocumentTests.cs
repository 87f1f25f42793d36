using FluentAssertions;
using Research.Baselines;
using Research.Diffs;
using Research.Plotting;
using Research.Reporting.Diffs;
using Research.Specs;

namespace Research.Claims.Tests;

/// <summary>`research diff --html` and `--figures`: one overlay per figure and setting, a solid and b dashed, on a page that fetches nothing.</summary>
public sealed class DiffDocumentTests
{
    static ReproductionRecord Record(double[] y, Verdict verdict) => new()
    {
        Profile = "ci",
        Claims =
        [
            new ClaimRecord
            {
                Id = "faster", Section = "0", Source = ClaimSource.Text, Kind = ClaimKind.Comparison, Experiment = "tiny-fit",
                Verdicts = new Dictionary<string, VerdictRecord> { ["as_written"] = new() { Verdict = verdict } },
            },
        ],
        Experiments = new Dictionary<string, IReadOnlyDictionary<string, Snapshot>>
        {
            ["tiny-fit"] = new Dictionary<string, Snapshot>
            {
                ["as_written"] = new()
                {
                    Experiment = "tiny-fit", Profile = "ci", Metrics = new Dictionary<string, double>(),
                    Series = new Dictionary<string, double[]> { ["fig-02/small/seed1/x"] = [1, 2, 3], ["fig-02/small/seed1/y"] = y },
                },
            },
        },
    };

    [Fact]
    public void TheTwoSidesSeriesAreOverlaidOnASelfContainedPage()
    {
        var a = Record([1, 0.5, 0.25], Verdict.Holds);
        var b = Record([1, 0.6, 0.4], Verdict.Deviates);
        var diff = ReproductionDiff.Compare(new DiffSide("HEAD~1", "a", a), new DiffSide("ci", "b", b), new BaselineSpec());

        var overlays = OverlayFigures.Build(diff, a, b);
        var html = DiffDocument.Html(diff, overlays.Select(o => (o.FileName, o.Figure, FigureRenderer.RenderPng(o.Figure))).ToList());

        var figure = overlays.Should().ContainSingle().Which;
        figure.FileName.Should().Be("fig-02.png");
        figure.Figure.Series.Select(s => (s.Label, s.Dashed)).Should().Equal(("HEAD~1: small/seed1", false), ("ci: small/seed1", true));
        html.Should().Contain("holds").And.Contain("deviates").And.Contain("class=\"chart\"").And.Contain("data:image/png;base64,")
            .And.NotContainAny(["src=\"http", "href=\"http", "<link", "<script src", "@import"]);
    }
}
