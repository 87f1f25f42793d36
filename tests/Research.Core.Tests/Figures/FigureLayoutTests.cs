using FluentAssertions;
using Research.Figures;
using Research.Plotting;
using SkiaSharp;

namespace Research.Tests.Figures;

/// <summary>What issue 18 added to figures: stacked panels, bands, hidden series, equal axes, labels placed clear.</summary>
public class FigureLayoutTests
{
    static readonly SKColor Blue = SKColor.Parse("#1f77b4"), Red = SKColor.Parse("#d62728"), Green = SKColor.Parse("#2ca02c");
    static readonly double[] Epochs = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>Pixels of (nearly) a colour in rows [top, bottom) of the PNG.</summary>
    static int Count(byte[] png, SKColor colour, int top, int bottom)
    {
        using var bitmap = SKBitmap.Decode(png);
        var n = 0;
        for (int y = top; y < bottom; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 30) n++;
            }
        return n;
    }

    [Fact]
    public void AFigureWithTwoPanelsDrawsEachPanelsSeriesInItsOwnHalfOfOnePng()
    {
        var figure = new Figure
        {
            Number = 21, Caption = "c", Title = "loss and sensitivity", XLabel = "batch size", YLabel = "loss",
            Panels = [new FigurePanel { YLabel = "loss (log scale)", LogY = true }, new FigurePanel { YLabel = "sensitivity" }],
            Series =
            [
                new FigureSeries { Id = "loss", Label = "loss", X = Epochs, Y = [2.3, 1.1, 0.6, 0.35, 0.2, 0.12, 0.08, 0.05], LineMarkers = true },
                new FigureSeries { Id = "s", Label = "sensitivity", X = Epochs, Y = [0.5, 0.4, 0.35, 0.3, 0.2, 0.15, 0.12, 0.1], Group = 1, Panel = 1, LineMarkers = true },
            ],
        };

        var png = FigureRenderer.RenderPng(figure);

        using (var bitmap = SKBitmap.Decode(png)) (bitmap.Width, bitmap.Height).Should().Be((FigureRenderer.Width, FigureRenderer.Height));
        const int half = FigureRenderer.Height / 2;
        Count(png, Blue, 0, half).Should().BeGreaterThan(200, "the first panel draws the loss");
        Count(png, Blue, half, FigureRenderer.Height).Should().BeLessThan(60, "only its legend swatch, if anything, is blue below");
        Count(png, Red, half, FigureRenderer.Height).Should().BeGreaterThan(200, "the second panel draws the sensitivity");
        Count(png, Red, 0, half).Should().Be(0);
    }

    [Fact]
    public void AHiddenSeriesIsNotDrawnWhileTheMedianAndItsBandAre()
    {
        var figure = new Figure
        {
            Number = 11, Caption = "c", Title = "gradient norm", XLabel = "epoch", YLabel = "norm", LogY = true,
            Bands = [new FigureBand { Id = "m/iqr", Label = "IQR", X = Epochs, Lower = [1, 0.5, 0.3, 0.2, 0.1, 0.05, 0.03, 0.02], Upper = [3, 2, 1, 0.8, 0.5, 0.3, 0.2, 0.1], Group = 2 }],
            Series =
            [
                new FigureSeries { Id = "m/seed1", Label = "seed 1", X = Epochs, Y = [2, 1, 0.5, 0.4, 0.2, 0.1, 0.05, 0.04], Group = 1, Hidden = true },
                new FigureSeries { Id = "m/median", Label = "median", X = Epochs, Y = [2, 1, 0.6, 0.4, 0.25, 0.12, 0.08, 0.05] },
            ],
        };

        var png = FigureRenderer.RenderPng(figure);

        Count(png, Red, 0, FigureRenderer.Height).Should().Be(0, "the hidden seed is data only");
        Count(png, Blue, 0, FigureRenderer.Height).Should().BeGreaterThan(200);
        var band = new SKColor((byte)(255 - 0.22 * (255 - Green.Red)), (byte)(255 - 0.22 * (255 - Green.Green)), (byte)(255 - 0.22 * (255 - Green.Blue)));
        Count(png, band, 0, FigureRenderer.Height).Should().BeGreaterThan(2000, "the band is a translucent fill in its group's colour");
    }

    [Fact]
    public void EqualAxesGiveOneUnitOfXAndOfYTheSameLengthOnTheImage()
    {
        // A square of side 10 drawn in a plot wider than tall: with equal units its corners span as many pixels across as down.
        var figure = new Figure
        {
            Number = 9, Caption = "c", Title = "plane", XLabel = "PC 1", YLabel = "PC 2", EqualAxes = true,
            Series = [new FigureSeries { Id = "sq", Label = "square", X = [0, 10, 10, 0, 0], Y = [0, 0, 10, 10, 0] }],
        };

        using var bitmap = SKBitmap.Decode(FigureRenderer.RenderPng(figure));
        var xs = new List<int>();
        var ys = new List<int>();
        for (int y = 0; y < bitmap.Height - 80; y++) // above the legend
            for (int x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - Blue.Red) + Math.Abs(p.Green - Blue.Green) + Math.Abs(p.Blue - Blue.Blue) < 30) { xs.Add(x); ys.Add(y); }
            }
        double across = xs.Max() - xs.Min(), down = ys.Max() - ys.Min();
        (across / down).Should().BeApproximately(1, 0.05);
    }
}
