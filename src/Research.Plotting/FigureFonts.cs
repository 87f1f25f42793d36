using ScottPlot;
using SkiaSharp;

namespace Research.Plotting;

/// <summary>
/// DejaVu Sans (2.37, Bitstream Vera licence: Fonts/LICENSE-DejaVu.txt), shipped in this assembly and used for every
/// text of every figure (issue 18: the default resolved to a serif face that clashed with the page). Loaded from
/// the assembly's resources, not the system, so that a machine without fonts draws the same glyphs and the pixel
/// baselines do not depend on what fontconfig finds; it also has the glyphs the labels need (‖ ∇ θ ₂ α −).
/// </summary>
public static class FigureFonts
{
    /// <summary>The family every text of a figure is set in.</summary>
    public const string Name = "DejaVu Sans";

    static readonly SKTypeface Regular = Load("DejaVuSans.ttf"), Bold = Load("DejaVuSans-Bold.ttf");

    static FigureFonts() => Fonts.FontResolvers.Add(new Resolver());

    /// <summary>Makes ScottPlot resolve <see cref="Name"/> to the shipped faces (idempotent; the static constructor registers them once).</summary>
    public static void Register() { }

    /// <summary>The shipped face for a weight: bold for titles, regular for the rest.</summary>
    public static SKTypeface Face(bool bold) => bold ? Bold : Regular;

    static SKTypeface Load(string file)
    {
        var name = $"Research.Plotting.Fonts.{file}";
        using var stream = typeof(FigureFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded font {name} is missing from Research.Plotting; rebuild the project");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"the embedded font {name} cannot be read by SkiaSharp");
    }

    /// <summary>Answers for <see cref="Name"/> only, so every other family still goes to ScottPlot's system lookup.</summary>
    sealed class Resolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? Face(bold) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Name ? Face(weight >= FontWeight.SemiBold) : null;
    }
}
