using Research.Claims;
using Loading = Research.Specs.Loading;
using Research.Reporting.Document;
using Research.Specs;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting.Sections;

/// <summary>
/// The three settings of every experiment (issue 22): every claim's verdict as the report was written, as its
/// code ran, and under the harness's definitions; and, per experiment, what each setting is and where its
/// values differ, each value with its source.
/// </summary>
internal static class VariantsSection
{
    public const string Anchor = "variants";

    public static void Write(ReportData data, List<Block> blocks)
    {
        if (!data.Spec.Experiments.Values.Any(x => x.HasVariants)) return;
        blocks.Add(new Heading(2, "Every claim as written, as run and by the harness", Anchor));
        blocks.Add(new Paragraph(new Line()
            .Text("Each experiment is declared in three settings (experiments.yaml, ").Code("variants").Text("): ")
            .Bold("as written").Text(" follows the report's text, and its code where the text is silent (the default, used everywhere else in this report); ")
            .Bold("as run").Text(" follows the report's code as it ran, including where it contradicts the text; ")
            .Bold("harness").Text(" is this project's first, better-founded reading. Every setting names its source; the part of each experiment called ")
            .Italic("Three settings").Text(" says what each is, and the appendix lists where they differ, value by value. A verdict that differs from the one experiments.yaml records is marked " + ReportFormat.Warning + ".")));
        var changed = data.Claims.Count(c => Variants.All.Select(v => data.Judged(c.Claim.Id, v)?.Verdict).OfType<Verdict>().Distinct().Count() > 1);
        blocks.Add(new Paragraph(new Line().Text($"The verdict depends on the setting for {Count(changed)} of {Count(data.Claims.Count)} claims; ")
            .Text("the summary's last two columns give each claim's verdict as run and by the harness.")));
    }

    internal static Line Cell(ReportData data, ClaimSpec claim, Variant variant)
    {
        if (data.Spec.Experiments[claim.Experiment][data.Profile, variant].Unavailable is { } why) return new Line().Italic("not run: ").Text(why);
        if (data.Judged(claim.Id, variant) is not { } r) return new Line().Text("–");
        var line = new Line().Badge(VerdictText(r.Verdict), Style(r.Verdict));
        if (r.DecidedByCpu) line.Text($" (records {Word(r.Expected)}, decided by the CPU)");
        else if (r.Expected is { } recorded && recorded != r.Verdict) line.Text($" {ReportFormat.Warning} records {Word(recorded)}");
        return line;
    }

    /// <summary>An experiment's three settings, one line each: what each is (the settings that differ are in the appendix).</summary>
    public static void WriteAbout(ReportData data, ExperimentSpec e, List<Block> blocks)
    {
        var resolved = data.Spec.Experiments[e.Id];
        if (!resolved.HasVariants) return;
        var line = new Line().Bold("Three settings. ");
        foreach (var v in Variants.All)
        {
            var spec = resolved[Specs.Profile.Full, v];
            line.Italic(v.Words() + ": ").Text((spec.About ?? "").TrimEnd() + " ");
            if (spec.Unavailable is { } why) line.Text("Not run: ").Text(why).Text(". ");
        }
        blocks.Add(new Paragraph(line));
    }

    /// <summary>The settings in which an experiment's three settings differ, each value with its source (the appendix).</summary>
    public static void WriteSettingsTable(ReportData data, ExperimentSpec e, List<Block> blocks)
    {
        var resolved = data.Spec.Experiments[e.Id];
        if (!resolved.HasVariants) return;
        var flat = Variants.All.ToDictionary(v => v, v => SpecJson.Flatten(resolved[Specs.Profile.Full, v]));
        var keys = flat.Values.SelectMany(f => f.Keys).Distinct().Where(k => k is not ("profile" or "variant"))
            .Where(k => Variants.All.Where(v => resolved[Specs.Profile.Full, v].Unavailable is null)
                .Select(v => flat[v].GetValueOrDefault(k)).Distinct().Count() > 1)
            .ToList();
        if (keys.Count == 0) return;
        var rows = keys.Select(k => (IReadOnlyList<Line>)
        [
            new Line().Code(k),
            .. Variants.All.Select(v => Value(resolved[Specs.Profile.Full, v], flat[v], k)),
        ]).ToList();
        blocks.Add(new Table(["setting (full profile)", .. Variants.All.Select(v => v.Words())], rows));
    }

    static Line Value(ExperimentSpec spec, IReadOnlyDictionary<string, string> flat, string key)
    {
        if (spec.Unavailable is not null) return new Line().Text("–");
        var line = new Line().Text(flat.GetValueOrDefault(key) ?? "not set");
        if (Loading.SourceCheck.SourceOf(spec.Sources, SourceKey(key)) is { } source) line.Break().Italic(source);
        return line;
    }

    /// <summary>A flattened setting path (models.cnn-1.layers[0].conv2d.out) → the source key that covers it (models.cnn-1.layers).</summary>
    static string SourceKey(string path)
    {
        var bracket = path.IndexOf('[');
        return bracket < 0 ? path : path[..bracket];
    }
}
