using System.Text.Json;
using FluentAssertions;
using Research.Figures;
using Research.Reporting.Interactive;

namespace Research.Claims.Tests;

/// <summary>The interactive chart's data for what issue 18 added to figures: panels, bands, hidden seeds.</summary>
public sealed class FigureChartTests
{
    static readonly double[] Epochs = [1, 2, 3];

    [Fact]
    public void AFigureWithPanelsStaysAPngAndSaysWhy()
    {
        var figure = new Figure
        {
            Number = 21, Caption = "c", Title = "t", XLabel = "batch size", YLabel = "loss",
            Panels = [new FigurePanel { YLabel = "loss" }, new FigurePanel { YLabel = "sensitivity" }],
            Series = [new FigureSeries { Id = "a", Label = "a", X = Epochs, Y = [1, 2, 3] }, new FigureSeries { Id = "b", Label = "b", X = Epochs, Y = [3, 2, 1], Panel = 1 }],
        };

        FigureChart.WhyStatic(figure).Should().Contain("panels");
        FigureChart.Json(figure).Should().BeNull();
    }

    [Fact]
    public void ABandComesAsItsTwoEdgesAndAHiddenSeedAsAFaintSeries()
    {
        var figure = new Figure
        {
            Number = 11, Caption = "c", Title = "t", XLabel = "epoch", YLabel = "norm",
            Bands = [new FigureBand { Id = "m/iqr", Label = "IQR", X = Epochs, Lower = [1, 1, 1], Upper = [3, 3, 3] }],
            Series =
            [
                new FigureSeries { Id = "m/seed1", Label = "seed 1", X = Epochs, Y = [1, 2, 3], Faint = true, Hidden = true },
                new FigureSeries { Id = "m/median", Label = "median", X = Epochs, Y = [2, 2, 2] },
            ],
        };

        using var json = JsonDocument.Parse(FigureChart.Json(figure)!);
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToList();

        series.Select(s => s.GetProperty("label").GetString()).Should().Equal("seed 1", "median", "IQR: lower edge", "IQR: upper edge");
        series[0].GetProperty("faint").GetBoolean().Should().BeTrue("the page's check box shows the seeds the PNG hides");
        series[2].GetProperty("ys").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(1, 1, 1);
        series[3].GetProperty("dashed").GetBoolean().Should().BeTrue();
    }
}
