using Research.Figures;
using Research.Reporting.Document;
using Research.Specs;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>The index of figures (in the appendix): each figure's caption, what is drawn, its section and its file, linked into the report.</summary>
internal static class FigureIndexSection
{
    public static void Write(ReportData data, List<Block> blocks)
    {
        blocks.Add(new Rule());
        blocks.Add(new Heading(2, "Index of figures", "figures"));
        var owner = data.Experiments.SelectMany(e => e.Figures.Select(f => (f.Number, e.Experiment)))
            .ToDictionary(p => p.Number, p => p.Experiment);
        var rows = data.Figures.Select(f => Row(f, owner[f.Number])).ToList();
        blocks.Add(new Table(["figure", "the report's caption", "drawn here", "section", "file"], rows));
    }

    static IReadOnlyList<Line> Row(Figure f, ExperimentSpec owner) =>
    [
        new Line().Link(Invariant($"Figure {f.Number}"), $"{ReportGenerator.MarkdownFile}#{FigureAnchor(f.Number)}"),
        f.Caption,
        f.Title,
        new Line().Link($"§{owner.Section}", $"{ReportGenerator.MarkdownFile}#{SectionAnchor(owner.Section)}"),
        new Line().Code($"figures/{f.FileName}"),
    ];
}
