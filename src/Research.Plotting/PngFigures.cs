using Research.Baselines;
using Research.Figures;

namespace Research.Plotting;

/// <summary>Figures as PNG files for the baseline check: drawn by <see cref="FigureRenderer"/>, compared by <see cref="ImageDiff"/>.</summary>
public sealed class PngFigures : IFigureImages
{
    public string Extension => "png";
    public void Save(Figure figure, string path) => FigureRenderer.SavePng(figure, path);
    public bool IsImage(string path) => ImageDiff.IsImage(path);
    public double DifferingFraction(string expected, string actual, int channelTolerance) => ImageDiff.DifferingFraction(expected, actual, channelTolerance);
}
