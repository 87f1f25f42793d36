using Research.Claims;
using Research.Reporting.Document;
using Research.Specs;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.Measures;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>
/// The summary's "reproduced" cell: what each kind of claim measured, per model (or per metric, for a
/// correlation) as mean ± SD over seeds, and the test statistic of a trend or correlation.
/// </summary>
/// <remarks>
/// The summary table and the deviations list show the first <see cref="BriefValues"/> values and a count of the
/// rest: a §3.2 sweep has a value per size, and its whole list made one summary row 680 px tall at 1,400 px.
/// The claim's own section lists every value.
/// </remarks>
internal static class ReproducedValues
{
    /// <summary>How many values the brief form shows before "… and N more".</summary>
    public const int BriefValues = 3;

    /// <summary>The cell with at most <see cref="BriefValues"/> values and the statistic (summary, deviations).</summary>
    public static Line Brief(ClaimResult result, ExperimentSpec e) => Of(result, e, BriefValues);

    public static Line Of(ClaimResult result, ExperimentSpec e, int maxValues = int.MaxValue)
    {
        var c = result.Claim;
        var line = new Line();
        if (result.Values.Count == 0) return line.Text("–");
        if (Measure.Find(c.Metric)?.Scope == MeasureScope.Experiment)
            return line.Text($"{c.Metric} = {Measure.Format(c.Metric!, result.Values.Values.First()[0])}");
        var (quantity, metric) = c.Kind switch
        {
            ClaimKind.Shape => (ShapeQuantity(c.Shape!), (string?)null),
            ClaimKind.Parameters => ("parameters", "parameters"),
            ClaimKind.Correlation => (null, c.Metric),
            _ => (Measure.Get(c.Metric!).Heading, c.Metric),
        };
        if (quantity != null && c.Kind != ClaimKind.Parameters) line.Text($"{quantity}:").Break();
        var shown = 0;
        foreach (var (key, values) in result.Values)
        {
            if (shown == maxValues)
            {
                var rest = result.Values.Count - shown;
                line.Break().Text($"… and {rest} more");
                break;
            }
            if (shown++ > 0) line.Break();
            var format = c.Kind == ClaimKind.Correlation ? key : metric;
            var value = c.Kind == ClaimKind.Parameters ? Measure.Parameters.Format(values[0]) : Spread(format, values);
            line.Text($"{Label(c, e, key)}: {value}");
        }
        if (result.Statistic is { } statistic) line.Break().Text(statistic);
        return line;
    }

    /// <summary>The model a value belongs to; interpolation measures belong to a pair of models, stored on its first.</summary>
    static string Label(ClaimSpec c, ExperimentSpec e, string key)
    {
        var label = e.Models.TryGetValue(key, out var model) ? model.Label : key;
        if (c.Metric?.StartsWith("interpolation_", StringComparison.Ordinal) == true &&
            e.Analysis?.Interpolation?.Pairs.FirstOrDefault(p => p.From == key) is { } pair)
            label = $"{label} ↔ {e.Models[pair.To].Label}";
        return label;
    }

    static string ShapeQuantity(ShapeSpec s) =>
        s.DropFactor is not null ? Invariant($"{s.Series} at epoch 1 ÷ at epoch {s.ByEpoch}")
        : s.PlateauAfter is { } after ? Invariant($"share of the {s.Series} fall after epoch {after}")
        : $"Kendall's τ of {s.Series} over the epochs";
}
