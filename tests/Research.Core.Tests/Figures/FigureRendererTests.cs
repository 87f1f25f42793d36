using System.Globalization;
using FluentAssertions;
using Research.Figures;
using Research.Plotting;
using Research.Tests.Support;
using SkiaSharp;

namespace Research.Tests.Figures;

public class FigureRendererTests
{
    /// <summary>
    /// A right log axis, dashed, line-with-marker and labelled series together, with zeros, negatives and NaN
    /// on the log axes (one series has no point left), labels pointing at missing or dropped points: the PNG is still written whole.
    /// </summary>
    [Fact]
    public void AFigureWithARightAxisDashedMarkedAndLabelledSeriesRendersToAPng()
    {
        double[] epochs = [1, 2, 3, 4, 5, 6, 7, 8];
        var figure = new Figure
        {
            Number = 7, Caption = "c", Title = "Loss and learning rate", XLabel = "epoch", YLabel = "loss",
            LogY = true, Y2Label = "learning rate", LogY2 = true,
            Series =
            [
                new FigureSeries { Id = "m/seed1", Label = "train", X = epochs, Y = [2.3, 1.1, 0.6, 0.35, 0.2, 0.12, 0.08, 0.05] },
                new FigureSeries { Id = "m/seed2", Label = "train", X = epochs, Y = [2.2, 1.2, 0.7, 0.4, 0.25, 0.15, 0.1, 0.07], Faint = true },
                new FigureSeries
                {
                    Id = "m/test", Label = "test", X = epochs, Y = [2.4, 1.3, 0.9, 0.7, double.NaN, 0.6, 0.6, 0.62], Dashed = true,
                    PointLabels = new Dictionary<int, string> { [1] = "91.0%", [4] = "missing", [7] = "97.2%", [20] = "out of range" },
                },
                new FigureSeries { Id = "truth", Label = "noise floor", X = [1, 8], Y = [0.04, 0.04], Reference = true },
                new FigureSeries { Id = "runs", Label = "final loss (4 runs)", X = [8, 8, 8, 8], Y = [0.05, 0.06, -1, 0], Group = 2, Markers = true },
                new FigureSeries
                {
                    Id = "lr", Label = "learning rate", X = epochs, Y = [0.1, 0.1, 0.05, 0.02, 0.01, 0.001, 0, 1e-4],
                    Group = 1, RightAxis = true, LineMarkers = true,
                    PointLabels = new Dictionary<int, string> { [0] = "warm", [5] = "decay", [6] = "zero" },
                },
                new FigureSeries { Id = "lr2", Label = "momentum (right)", X = epochs, Y = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], Group = 3, RightAxis = true, Dashed = true },
                new FigureSeries { Id = "diverged", Label = "diverged", X = [1, 2], Y = [0, -1], Group = 4, RightAxis = true },
            ],
        };
        var path = Path.Combine(TestSpecs.TempDir(), figure.FileName);

        FigureRenderer.SavePng(figure, path);

        new FileInfo(path).Length.Should().BeGreaterThan(0);
        using var bitmap = SKBitmap.Decode(path);
        bitmap.Should().NotBeNull();
        (bitmap.Width, bitmap.Height).Should().Be((FigureRenderer.Width, FigureRenderer.Height));
    }

    /// <summary>
    /// Figures whose tick labels a culture would change: fractional and negative linear ticks, large numbers with
    /// group separators, log axes over many decades and within one, a right axis linear and log, an epoch axis.
    /// </summary>
    static IEnumerable<Figure> CultureSensitiveFigures()
    {
        double[] xs = [.. Enumerable.Range(0, 21).Select(i => -1 + 0.1 * i)];
        double[] epochs = [250, 500, 750, 1000, 1250, 1500, 1750, 2000];
        double[] sizes = [1e3, 1e4, 1e5, 1e6, 1e7];
        yield return new Figure
        {
            Number = 1, Caption = "c", Title = "fractional", XLabel = "x", YLabel = "y",
            Series = [new FigureSeries { Id = "a", Label = "sinc", X = xs, Y = [.. xs.Select(x => x == 0 ? 1 : Math.Sin(8 * x) / (8 * x))] }],
        };
        yield return new Figure
        {
            Number = 2, Caption = "c", Title = "large", XLabel = "parameters", YLabel = "steps",
            Series = [new FigureSeries { Id = "a", Label = "a", X = [-2.5e6, 0, 1.25e6, 4e6], Y = [1500, -2750, 12_000, 98_000], Markers = true }],
        };
        yield return new Figure
        {
            Number = 3, Caption = "c", Title = "log, right axis linear", XLabel = "parameters", YLabel = "loss", LogX = true, LogY = true,
            Y2Label = "accuracy",
            Series =
            [
                new FigureSeries { Id = "a", Label = "loss", X = sizes, Y = [2.3, 0.4, 0.05, 0.004, 3e-4] },
                new FigureSeries { Id = "b", Label = "accuracy", X = sizes, Y = [0.11, 0.42, 0.875, 0.9125, 0.98], RightAxis = true, Group = 1 },
            ],
        };
        yield return new Figure
        {
            Number = 4, Caption = "c", Title = "epochs, right axis log", XLabel = "epoch", YLabel = "loss", LogY = true,
            Y2Label = "learning rate", LogY2 = true,
            Series =
            [
                new FigureSeries { Id = "a", Label = "loss", X = epochs, Y = [2.5, 3.1, 3.8, 4.4, 5.2, 6.0, 7.1, 8.3] },
                new FigureSeries { Id = "b", Label = "learning rate", X = epochs, Y = [0.1, 0.05, 0.02, 0.01, 1e-3, 5e-4, 2e-4, 1e-4], RightAxis = true, Group = 1 },
            ],
        };
    }

    [Fact]
    public void FiguresDrawnUnderACultureWithCommaDecimalsAreByteIdenticalToTheInvariantOnes()
    {
        var hostile = Cultures.Hostile();
        0.5.ToString(hostile).Should().Be("0,5");
        1000.ToString("N0", hostile).Should().Be("1.000");

        var differing = CultureSensitiveFigures()
            .Where(f => !Cultures.In(CultureInfo.InvariantCulture, () => FigureRenderer.RenderPng(f))
                .AsSpan().SequenceEqual(Cultures.In(hostile, () => FigureRenderer.RenderPng(f))))
            .Select(f => $"{f.FileName} ({f.Title})")
            .ToList();

        CultureInfo.CurrentCulture.Should().NotBeSameAs(hostile, "the culture is restored after each figure");
        string.Join(", ", differing).Should().BeEmpty("every text on a figure is written in the invariant culture");
    }
}
