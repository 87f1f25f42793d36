using Research.Data;
using Research.Figures;
using Research.Reporting.Document;
using Research.Specs;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>
/// One experiment's part of the report, in the order of its section: the setting, the choices where the
/// report is silent, the models, what the profile changed, the resolved spec, the results, the figures and
/// the claims.
/// </summary>
internal static class ExperimentSection
{
    public static void Write(ReportData data, ExperimentOutcome report, List<Block> blocks)
    {
        var e = report.Experiment;
        blocks.Add(new Rule());
        blocks.Add(new Heading(2, $"§{e.Section} {e.Title}", SectionAnchor(e.Section)));
        blocks.Add(new Paragraph(Setting(data, report)));
        var appendix = new Line().Text("Each setting of the three, with its source, and the resolved spec: ").Link($"appendix, {e.Id}", AppendixSection.Link(e.Id)).Text(".");
        blocks.Add(new Paragraph(e.Notes is { Length: > 0 } notes
            ? new Line().Bold("Choices where the report is silent. ").Text(notes.TrimEnd() + " ").Append(appendix)
            : appendix));
        VariantsSection.WriteAbout(data, e, blocks);
        blocks.Add(ModelTable.Of(report));
        if (ResolvedSpec.Overrides(data, e) is { } overrides) blocks.Add(new Paragraph(overrides));

        blocks.Add(new Heading(3, "Results"));
        blocks.Add(ResultsTable.Of(report));
        if (ResultsTable.ExperimentWide(report) is { } measures) blocks.Add(new Paragraph(measures));

        Figures(report, blocks);
        if (report.Claims.Count > 0)
        {
            foreach (var c in report.Claims.OrderBy(c => c.Claim.Section, SectionOrder.Comparer)) ClaimSection.Write(data, c, blocks);
        }
    }

    static void Figures(ExperimentOutcome report, List<Block> blocks)
    {
        if (report.Figures.Count == 0) return;
        foreach (var f in report.Figures)
            blocks.Add(new Image(FigureName(f), $"figures/{f.FileName}",
                new Line().Bold(FigureName(f)).Text($" (the report's caption). Drawn here: {f.Title}."), FigureAnchor(f.Number))
            {
                Chart = Interactive.FigureChart.Json(f),
            });
    }

    static string FigureName(Figure f) => Invariant($"Figure {f.Number}: {f.Caption}");

    /// <summary>One line of what the experiment trains on, how it stops, and over how many seeds and threads.</summary>
    static Line Setting(ReportData data, ExperimentOutcome report)
    {
        var e = report.Experiment;
        var line = new Line().Text("Experiment ").Code(e.Id).Text(" · data: ").Text(DataText(report.Dataset, e))
            .Text($" · loss: {(e.Loss == LossKind.Mse ? "mean squared error" : "cross-entropy")}");
        if (e.Convergence is { } rule)
            line.Text($" · stops at the first epoch{(rule.AfterEpoch is { } after ? $" after epoch {Count(after)}" : "")} with training loss below {Number(rule.LossBelow)}" +
                      (rule.Patience > 1 ? Invariant($" for {rule.Patience} epochs") : "") +
                      (rule.FlatFor is { } flat ? $" and its last {Count(flat)} changes below {Number(rule.FlatBelow ?? 0)}" : "") +
                      $", else after {Count(e.MaxEpochs)} epochs");
        else line.Text($" · {Count(e.MaxEpochs)} epochs");
        if (e.CriticalPoint is { } cp)
            line.Text($" · then minimises ‖∇L‖² (Adam lr {Number(cp.Lr)}) until it is below {Number(cp.GradientBelow)} " +
                      $"or {Count(cp.MaxSteps)} steps, and takes the Hessian's spectrum");
        line.Text($" · {Count(e.Seeds.Count)} seed{(e.Seeds.Count == 1 ? "" : "s")}, " +
                  Invariant($"{e.Threads} libtorch thread{(e.Threads == 1 ? "" : "s")} ({Profile(data.Profile)} profile)."));
        return line;
    }

    static string DataText(DatasetSpec d, ExperimentSpec e)
    {
        if (d.Kind == DatasetKind.Function)
            return $"{TargetFunctions.Formula(d.Function!.Value)} at {Count(d.Points)} evenly spaced points " +
                   $"of [{Number(d.Domain![0])}, {Number(d.Domain[1])}]";
        var images = e.TrainSamples is { } n
            ? $"the first {Count(n)} training and {Count(e.TestSamples ?? 10000)} test images"
            : "60,000 training and 10,000 test images";
        return $"MNIST, {images}" + (d.Labels == LabelKind.True ? "" : $", {RandomLabels.Describe(d.Labels, d.LabelSeed)}, test labels true");
    }
}
