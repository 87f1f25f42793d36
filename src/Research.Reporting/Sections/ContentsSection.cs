using Research.Reporting.Document;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>The contents, one paragraph: a link to the summary, to each experiment's section, to the index of figures and to provenance.</summary>
internal static class ContentsSection
{
    public static void Write(ReportData data, List<Block> blocks)
    {
        var items = new List<Line> { new Line().Link("What does not hold", "#" + DeviationsSection.Anchor), new Line().Link("Summary of the claims", "#summary") };
        if (data.Spec.Experiments.Values.Any(x => x.HasVariants)) items.Add(new Line().Link("Every claim as written, as run and by the harness", "#" + VariantsSection.Anchor));
        if (data.Spec.Choices.Count > 0) items.Add(new Line().Link("Robustness: the choices made where the report is silent", "#" + RobustnessSection.Anchor));
        if (data.Spec.Errata.Count > 0) items.Add(new Line().Link("Errata: where the report's code contradicts its text", "#" + ErrataSection.Anchor));
        items.AddRange(data.Experiments.Select(e =>
            new Line().Link($"§{e.Experiment.Section} {e.Experiment.Title}", "#" + SectionAnchor(e.Experiment.Section))));
        items.Add(new Line().Link("Index of figures (appendix)", AppendixSection.MarkdownFile + "#figures"));
        items.Add(new Line().Link("Provenance", "#provenance"));
        items.Add(new Line().Link("Appendix: every experiment's settings with their sources, and its resolved spec", AppendixSection.MarkdownFile));
        var line = new Line().Bold("Contents: ");
        for (int i = 0; i < items.Count; i++) (i > 0 ? line.Text(" · ") : line).Append(items[i]);
        blocks.Add(new Paragraph(line));
    }
}
