using System.Globalization;
using FluentAssertions;
using Research.Plotting;
using Research.Tests.Support;
using ScottPlot.TickGenerators;

namespace Research.Tests.Figures;

public class TickLabelsTests
{
    /// <summary>
    /// Tick positions as ScottPlot's DecimalTickSpacingCalculator makes them (a start plus a multiple of 1, 2.5 or 5
    /// times a power of ten, with the floating-point noise that brings), and the edge cases of the formatter.
    /// </summary>
    static IEnumerable<double> TickPositions()
    {
        double[] edges = [0, -0.0, 0.5, -0.5, 999.5, 1000, 1000.5, -1000.5, 1001, 1e-11, -1e-12, 2.5e-11, 2147483648, -2147483649, 1e15, 1e20];
        foreach (var v in edges) yield return v;
        for (int exponent = -6; exponent <= 7; exponent++)
            foreach (var step in new[] { 1, 2.5, 5 })
            {
                var spacing = step * Math.Pow(10, exponent);
                var start = -7.3 * spacing;
                for (int i = 0; i < 15; i++) yield return start - start % spacing + spacing * i;
            }
    }

    [Fact]
    public void LinearLabelsAreScottPlotsDefaultUnderTheInvariantCulture()
    {
        // Fails after a ScottPlot upgrade that changes its default formatter: copy the new one into TickLabels.Linear
        // (and accept the baselines), or the figures stop matching what ScottPlot would draw.
        var differences = Cultures.In(CultureInfo.InvariantCulture, () => TickPositions()
            .Where(v => TickLabels.Linear(v) != LabelFormatters.Numeric(v))
            .Select(v => $"{v.ToString("R", CultureInfo.InvariantCulture)}: ours \"{TickLabels.Linear(v)}\", ScottPlot's \"{LabelFormatters.Numeric(v)}\"")
            .ToList());

        differences.Should().BeEmpty();
    }

    [Fact]
    public void LabelsAreWrittenInTheInvariantCultureWhateverTheCurrentOne()
    {
        var hostile = Cultures.Hostile();
        Cultures.In(hostile, () => LabelFormatters.Numeric(-1234.5)).Should().Be("−1.234", "ScottPlot's own formatter follows the current culture");

        var labels = Cultures.In(hostile, () => new[]
        {
            TickLabels.Linear(0.5), TickLabels.Linear(-0.25), TickLabels.Linear(-1234.5), TickLabels.Linear(2_500_000), TickLabels.Linear(2.5e-7),
            TickLabels.Log(-3), TickLabels.Log(5), TickLabels.Log(Math.Log10(2.5)),
        });

        CultureInfo.CurrentCulture.Should().NotBeSameAs(hostile, "the culture is restored after each part");
        labels.Should().Equal("0.5", "-0.25", "-1,234", "2,500,000", "2.5E-07", "0.001", "100,000", "2.5");
    }
}
