using Research.Figures;
using ScottPlot;
using SkiaSharp;

namespace Research.Plotting;

/// <summary>
/// A figure with <see cref="Figure.Panels"/>: one plot per panel, stacked top to bottom on one image, with the
/// same x limits and the same left and right margins so the x axes line up; the title above the first, the x
/// label under the last, each panel's legend under it. Each panel is drawn by <see cref="FigureRenderer"/> as a
/// figure of its own series, so panels look like every other figure.
/// </summary>
internal static class StackedPanels
{
    const int Left = 95, Right = 30, Title = 40, Ticks = 28, XLabel = 24, Legend = 38, Between = 8;

    public static byte[] RenderPng(Figure figure, int width, int height)
    {
        var n = figure.Panels.Count;
        var plots = Enumerable.Range(0, n).Select(k => FigureRenderer.Render(PanelOf(figure, k, n), width, height / n)).ToList();
        try
        {
            ShareX(plots);
            // The title and the x label take their room from the first and last panels; the data areas share the rest.
            // Every panel keeps room for an x label: ScottPlot puts the legend below the label's place even when it is empty.
            var chrome = Title + n * (Ticks + XLabel + Legend) + (n - 1) * Between;
            var data = (height - chrome) / n;
            using var surface = SKSurface.Create(new SKImageInfo(width, height));
            surface.Canvas.Clear(SKColors.White);
            var top = 0;
            for (int k = 0; k < n; k++)
            {
                var padTop = k == 0 ? Title : Between;
                var padBottom = Ticks + XLabel + Legend;
                var rowHeight = padTop + data + padBottom;
                plots[k].Layout.Fixed(new PixelPadding(Left, Right, padBottom, padTop));
                // Each panel on an image of its own: ScottPlot clears the whole canvas it renders on.
                using var panel = SKBitmap.Decode(plots[k].GetImageBytes(width, rowHeight, ImageFormat.Png));
                surface.Canvas.DrawBitmap(panel, 0, top);
                top += rowHeight;
            }
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            return png.ToArray();
        }
        finally
        {
            foreach (var p in plots) p.Dispose();
        }
    }

    /// <summary>Panel <paramref name="k"/> as a figure: its series and bands, its y axis, the title on the first and the x label on the last.</summary>
    static Figure PanelOf(Figure figure, int k, int n) => figure with
    {
        Title = k == 0 ? figure.Title : "",
        XLabel = k == n - 1 ? figure.XLabel : "",
        YLabel = figure.Panels[k].YLabel,
        LogY = figure.Panels[k].LogY,
        Y2Label = null,
        Panels = [],
        Series = figure.Series.Where(s => s.Panel == k).ToList(),
        Bands = figure.Bands.Where(b => b.Panel == k).ToList(),
    };

    static void ShareX(List<Plot> plots)
    {
        var limits = plots.Select(p => p.Axes.GetLimits()).ToList();
        double min = limits.Min(l => l.Left), max = limits.Max(l => l.Right);
        foreach (var p in plots) p.Axes.SetLimitsX(min, max);
    }
}
