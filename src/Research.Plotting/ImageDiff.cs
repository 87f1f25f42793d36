using SkiaSharp;

namespace Research.Plotting;

/// <summary>Compares two PNGs by pixels, never by bytes: the fraction of pixels whose channels differ by more than a tolerance.</summary>
public static class ImageDiff
{
    /// <returns>The fraction of differing pixels (1 when the sizes differ or a file cannot be decoded).</returns>
    public static double DifferingFraction(string expectedPng, string actualPng, int channelTolerance)
    {
        using var expected = SKBitmap.Decode(expectedPng);
        using var actual = SKBitmap.Decode(actualPng);
        if (expected is null || actual is null || expected.Width != actual.Width || expected.Height != actual.Height) return 1;
        long differing = 0;
        for (int y = 0; y < expected.Height; y++)
            for (int x = 0; x < expected.Width; x++)
            {
                SKColor a = expected.GetPixel(x, y), b = actual.GetPixel(x, y);
                if (Math.Abs(a.Red - b.Red) > channelTolerance || Math.Abs(a.Green - b.Green) > channelTolerance ||
                    Math.Abs(a.Blue - b.Blue) > channelTolerance || Math.Abs(a.Alpha - b.Alpha) > channelTolerance)
                    differing++;
            }
        return (double)differing / (expected.Width * expected.Height);
    }

    /// <summary>True when the file decodes as an image.</summary>
    public static bool IsImage(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        return bitmap is not null;
    }
}
