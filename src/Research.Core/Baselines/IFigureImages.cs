using Research.Figures;

namespace Research.Baselines;

/// <summary>How a baseline check draws and compares figures (PNG in Research.Plotting; the core never references a drawing library).</summary>
public interface IFigureImages
{
    /// <summary>The file extension of a drawn figure (png).</summary>
    string Extension { get; }
    void Save(Figure figure, string path);
    /// <summary>Whether the file decodes as an image.</summary>
    bool IsImage(string path);
    /// <summary>The fraction of pixels whose channels differ by more than <paramref name="channelTolerance"/> (1 when the sizes differ).</summary>
    double DifferingFraction(string expected, string actual, int channelTolerance);
}
