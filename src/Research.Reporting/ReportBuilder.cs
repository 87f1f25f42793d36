using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Research.Claims;
using Research.Data;
using Research.Figures;
using Research.Measures;
using Research.Outcomes;
using Research.Reporting.Document;
using Research.Runs;
using Research.Specs;
using Research.Training;
using static Research.Reporting.ReportFormat;
using Research.IO;

namespace Research.Reporting;

/// <summary>
/// Turns <see cref="ReportData"/> into the report's document: an opening with the verdict count, the
/// summary table, one part per section of the report (experiment, choices, models, resolved spec,
/// results, figures, claims), the index of figures and provenance. A pure function of its input.
/// </summary>
public static class ReportBuilder
{
    public const string InvocationFile = "invocation.json";

    /// <summary>
    /// The project's JSON convention (<see cref="Json.Options"/>), made for reading: π, — and quotes as
    /// themselves, a batch size as in experiments.yaml (64 or "full").
    /// </summary>
    static readonly JsonSerializerOptions SpecJson = new(Json.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new BatchSizeJson() },
    };

    sealed class BatchSizeJson : JsonConverter<BatchSize>
    {
        public override BatchSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("the report only writes specs");

        public override void Write(Utf8JsonWriter writer, BatchSize value, JsonSerializerOptions options)
        {
            if (value.Size is { } n) writer.WriteNumberValue(n);
            else writer.WriteStringValue("full");
        }
    }

    public static ReportDocument Build(ReportData data)
    {
        var culture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            var blocks = new List<Block>();
            var title = $"Reproduction of {data.Source}: {Profile(data.Profile)} profile";
            blocks.Add(new Heading(1, title));
            Opening(data, blocks);
            Contents(data, blocks);
            Summary(data, blocks);
            foreach (var e in data.Experiments) Section(data, e, blocks);
            FigureIndex(data, blocks);
            ProvenanceSection.Write(data, blocks);
            return new ReportDocument(title, blocks);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = culture;
        }
    }

    static void Opening(ReportData data, List<Block> blocks)
    {
        var claims = data.Claims;
        var unexpected = claims.Where(c => !c.AsExpected).ToList();
        var profile = Profile(data.Profile);
        blocks.Add(new Paragraph(new Line()
            .Text($"Every experiment of ").Code(data.Source).Text(" was rerun as ").Code("experiments.yaml").Text(" specifies it, and each of its ")
            .Text($"{claims.Count} claims was judged over the profile's seeds by the rule written next to it. On the ")
            .Bold(profile).Text(" profile ")
            .Bold($"{data.Count(Verdict.Holds)} hold").Text(" ✅, ")
            .Bold($"{data.Count(Verdict.Deviates)} deviate").Text(" ❌ and ")
            .Bold($"{data.Count(Verdict.Inconclusive)} {(data.Count(Verdict.Inconclusive) == 1 ? "is" : "are")} inconclusive").Text(" ❔. ")
            .Append(unexpected.Count == 0
                ? new Line().Text("Every verdict is the one experiments.yaml records for this profile (what the claim tests assert).")
                : ListUnexpected(unexpected))));

        var mnist = data.Experiments.Where(e => e.Dataset.Kind == DatasetKind.Mnist && e.Experiment.TrainSamples is not null)
            .Select(e => (e.Experiment.TrainSamples, e.Experiment.TestSamples)).Distinct().ToList();
        var subsets = mnist.Count == 1
            ? $"for MNIST the first {Count(mnist[0].TrainSamples!.Value)} training and {Count(mnist[0].TestSamples ?? 10000)} test images"
            : "for MNIST a subset of the images";
        var fullSeeds = data.Spec.Experiments.Values.Select(e => e[Specs.Profile.Full].Seeds.Count).ToList();
        var profiles = new Line()
            .Bold("ci").Text($" is the reduced budget the test suite trains in minutes: fewer seeds, fewer epochs and {subsets}. ")
            .Text("Its verdicts show that every claim can be measured end to end; on a few epochs, a subset of the images and one to five seeds they are not the reproduction. ")
            .Bold("full").Text($" is the report's settings where it states them and the choices in each section's notes where it does not (hours of training), judged over {fullSeeds.Min()} to {fullSeeds.Max()} seeds (or repetitions) per experiment: its verdicts are the reproduction. ")
            .Text(data.Profile == Specs.Profile.Ci
                ? "This is the ci report; "
                : "This is the full report; ")
            .Code($"research report --profile {(data.Profile == Specs.Profile.Ci ? "full" : "ci")}")
            .Text($" writes the other one to reports/{(data.Profile == Specs.Profile.Ci ? "full" : "ci")}/.");
        blocks.Add(new Paragraph(profiles));

        blocks.Add(new Paragraph(new Line()
            .Bold("Verdicts. ").Text("✅ holds: the measurements satisfy the claim's rule. ")
            .Text("❌ deviates: they contradict it. ")
            .Text("❔ inconclusive: they cannot decide it (too few seeds or runs for the test, a confidence interval straddling a bound, or a diverged run). ")
            .Text("A claim that does not reproduce is not weakened: experiments.yaml records it as deviating, with the measured evidence, shown under the claim.")));

        blocks.Add(new Paragraph(new Line()
            .Text("Regenerate with ").Code($"research report --profile {profile}").Text(" (from the run cache in about a minute; on a fresh clone, with no cache, it first trains every run). ")
            .Text("REPORT.md, report.html and the figures are byte-identical whenever they are regenerated from the same cached runs, spec and code; ")
            .Text("what the invocation that wrote them did (its duration, which runs it trained and which it read from the cache) is in ")
            .Link(InvocationFile, InvocationFile).Text(", beside this file.")));
    }

    static Line ListUnexpected(IReadOnlyList<ClaimResult> unexpected)
    {
        var line = new Line().Bold($"{unexpected.Count} verdict{(unexpected.Count == 1 ? "" : "s")} differ{(unexpected.Count == 1 ? "s" : "")} from what experiments.yaml records: ");
        for (int i = 0; i < unexpected.Count; i++)
        {
            var c = unexpected[i];
            if (i > 0) line.Text(", ");
            line.Link(c.Claim.Id, "#" + ClaimAnchor(c.Claim.Id)).Text($" ({Word(c.Verdict)}, recorded {Word(c.Expected)})");
        }
        return line.Text(". Investigate, then update the claim's expect and evidence.");
    }

    static void Contents(ReportData data, List<Block> blocks)
    {
        var items = new List<Line> { new Line().Link("Summary of the claims", "#summary") };
        items.AddRange(data.Experiments.Select(e =>
            new Line().Link($"§{e.Experiment.Section} {e.Experiment.Title}", "#" + SectionAnchor(e.Experiment.Section))));
        items.Add(new Line().Link("Index of figures", "#figures"));
        items.Add(new Line().Link("Provenance", "#provenance"));
        blocks.Add(new Heading(2, "Contents"));
        blocks.Add(new BulletList(items));
    }

    static void Summary(ReportData data, List<Block> blocks)
    {
        blocks.Add(new Heading(2, "Summary of the claims", "summary"));
        blocks.Add(new Paragraph(new Line()
            .Text("One row per claim, in the report's order. ").Italic("Reproduced").Text(" gives each model's value as mean ± standard deviation over ")
            .Text("the seeds (n of them); an experiment-wide measure is one value. ").Italic("As recorded")
            .Text(" says whether the verdict is the one experiments.yaml records for this profile.")));
        var rows = data.Claims.Select(c => (IReadOnlyList<Line>)
        [
            new Line().Link(c.Claim.Id, "#" + ClaimAnchor(c.Claim.Id)),
            c.Claim.Section,
            $"“{c.Claim.Quote}”",
            c.Claim.Reported ?? "–",
            Reproduced(c, data.Experiments.Single(e => e.Experiment.Id == c.Claim.Experiment).Experiment),
            new Line().Badge(VerdictText(c.Verdict), Style(c.Verdict)),
            Recorded(c),
        ]).ToList();
        blocks.Add(new Table(["claim", "§", "the report says", "the report's number", $"reproduced ({Profile(data.Profile)})", "verdict", "as recorded"], rows));
    }

    static Line Recorded(ClaimResult c) => c.AsExpected
        ? new Line().Badge("yes", "expected")
        : new Line().Badge($"⚠️ no: records {Word(c.Expected)}", "unexpected");

    /// <summary>The measured values behind a claim: per model (or per metric, for a correlation) mean ± SD over seeds, and the test statistic of a trend.</summary>
    public static Line Reproduced(ClaimResult result, ExperimentSpec e)
    {
        var c = result.Claim;
        var line = new Line();
        if (result.Values.Count == 0) return line.Text("–");
        if (Measure.Find(c.Metric)?.Scope == MeasureScope.Experiment)
            return line.Text($"{c.Metric} = {Format.Value(c.Metric!, result.Values.Values.First()[0])}");
        var (quantity, metric) = c.Kind switch
        {
            ClaimKind.Shape => (ShapeQuantity(c.Shape!), (string?)null),
            ClaimKind.Parameters => ("parameters", "parameters"),
            ClaimKind.Correlation => (null, c.Metric),
            _ => (MetricName(c.Metric!), c.Metric),
        };
        if (quantity != null && c.Kind != ClaimKind.Parameters) line.Text($"{quantity}:").Break();
        var first = true;
        foreach (var (key, values) in result.Values)
        {
            if (!first) line.Break();
            first = false;
            var label = e.Models.TryGetValue(key, out var model) ? model.Label : key;
            // Interpolation measures belong to a pair of models, stored on its first.
            if (c.Metric?.StartsWith("interpolation_", StringComparison.Ordinal) == true &&
                e.Analysis?.Interpolation?.Pairs.FirstOrDefault(p => p.From == key) is { } pair)
                label = $"{label} ↔ {e.Models[pair.To].Label}";
            var format = c.Kind == ClaimKind.Correlation ? key : metric;
            line.Text($"{label}: {(c.Kind == ClaimKind.Parameters ? Format.Value("parameters", values[0]) : Spread(format, values))}");
        }
        if (result.Statistic is { } statistic) line.Break().Text(statistic);
        return line;
    }

    /// <summary>What an experiment-wide measure means, in parentheses.</summary>
    static string Gloss(string name) => Measure.Find(name)?.Gloss is { } gloss ? $" ({gloss})" : "";

    /// <summary>What a per-run metric is, in words, for the summary table.</summary>
    static string MetricName(string metric) => Measure.Find(metric)?.Description ?? metric.Replace('_', ' ');

    static string ShapeQuantity(ShapeSpec s) =>
        s.DropFactor is not null ? $"{s.Series} at epoch 1 ÷ at epoch {s.ByEpoch}"
        : s.PlateauAfter is { } after ? $"share of the {s.Series} fall after epoch {after}"
        : $"Kendall's τ of {s.Series} over the epochs";

    static void Section(ReportData data, ExperimentOutcome report, List<Block> blocks)
    {
        var e = report.Experiment;
        blocks.Add(new Rule());
        blocks.Add(new Heading(2, $"§{e.Section} {e.Title}", SectionAnchor(e.Section)));
        blocks.Add(new Paragraph(Setting(data, report)));
        if (e.Notes is { Length: > 0 } notes)
            blocks.Add(new Paragraph(new Line().Bold("Choices where the report is silent. ").Text(notes)));
        blocks.Add(ModelTable(report));
        if (ProfileOverrides(data, e) is { } overrides) blocks.Add(new Paragraph(overrides));
        blocks.Add(SpecDetails(data, report));

        blocks.Add(new Heading(3, "Results"));
        blocks.Add(ResultTable(report));
        if (report.Results.Scalars.Count > 0)
            blocks.Add(new Paragraph(new Line().Text("Experiment-wide measures (all runs together): ")
                .Text(string.Join("; ", report.Results.Scalars.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key} = {Format.Value(p.Key, p.Value)}{Gloss(p.Key)}"))).Text(".")));

        if (report.Figures.Count > 0)
        {
            blocks.Add(new Heading(3, report.Figures.Count == 1 ? "Figure" : "Figures"));
            foreach (var f in report.Figures)
                blocks.Add(new Image(FigureName(f), $"figures/{f.FileName}",
                    new Line().Bold(FigureName(f)).Text($" (the report's caption). Drawn here: {f.Title}."), FigureAnchor(f.Number)));
        }

        if (report.Claims.Count > 0)
        {
            blocks.Add(new Heading(3, report.Claims.Count == 1 ? "Claim" : "Claims"));
            foreach (var c in report.Claims.OrderBy(c => c.Claim.Section, SectionOrder.Comparer)) Claim(data, c, blocks);
        }
    }

    static string FigureName(Figure f) => $"Figure {f.Number}: {f.Caption}";

    static Line Setting(ReportData data, ExperimentOutcome report)
    {
        var e = report.Experiment;
        var line = new Line().Text("Experiment ").Code(e.Id).Text(" · data: ").Text(DataText(report.Dataset, e))
            .Text($" · loss: {(e.Loss == LossKind.Mse ? "mean squared error" : "cross-entropy")}");
        if (e.Convergence is { } rule)
            line.Text($" · stops at the first epoch with training loss below {Number(rule.LossBelow)}" +
                      (rule.Patience > 1 ? $" for {rule.Patience} epochs" : "") + $", else after {Count(e.MaxEpochs)} epochs");
        if (e.CriticalPoint is { } cp)
            line.Text($" · then minimises ‖∇L‖² (Adam lr {Number(cp.Lr)}) until it is below {Number(cp.GradientBelow)} or {Count(cp.MaxSteps)} steps, and takes the Hessian's spectrum");
        line.Text($" · {Count(e.Seeds.Count)} seed{(e.Seeds.Count == 1 ? "" : "s")}, {e.Threads} libtorch thread{(e.Threads == 1 ? "" : "s")} ({Profile(data.Profile)} profile).");
        return line;
    }

    static string DataText(DatasetSpec d, ExperimentSpec e)
    {
        if (d.Kind == DatasetKind.Function)
            return $"{TargetFunctions.Formula(d.Function!.Value)} at {Count(d.Points)} evenly spaced points of [{Number(d.Domain![0])}, {Number(d.Domain[1])}]";
        var images = e.TrainSamples is { } n
            ? $"the first {Count(n)} training and {Count(e.TestSamples ?? 10000)} test images"
            : "60,000 training and 10,000 test images";
        return $"MNIST, {images}" + (d.Labels == LabelKind.Random ? $", training labels permuted (seed {d.LabelSeed}), test labels true" : "");
    }

    static Table ModelTable(ExperimentOutcome report)
    {
        var e = report.Experiment;
        var rows = e.Models.Values.Select(m =>
        {
            var built = report.Results.Of(m.Id).FirstOrDefault()?.Parameters;
            var parameters = built is { } b
                ? Count(b) + (m.Parameters is { } stated && stated != b ? $" (report: {Count(stated)})" : "")
                : m.Parameters is { } s ? Count(s) : "–";
            return (IReadOnlyList<Line>)
            [
                new Line().Text(m.Label).Break().Code(m.Id),
                parameters,
                Optimizer(m.Optimizer),
                Batch(m.Settings.Batch),
                Count(e.MaxEpochs) + (e.Convergence is null ? "" : " at most"),
                Seeds(e.Seeds),
                Reported(m.Reported),
            ];
        }).ToList();
        return new Table(["model", "parameters", "optimizer", "batch size", "epochs", "seeds", "the report"], rows, new HashSet<int> { 1 });
    }

    /// <summary>
    /// Where this profile's resolved spec differs from the full one (the report's settings), setting by
    /// setting, so a reader of the ci report sees what was cut; null for the full profile or no difference.
    /// </summary>
    static Line? ProfileOverrides(ReportData data, ExperimentSpec e)
    {
        if (data.Profile == Specs.Profile.Full) return null;
        var mine = Flatten(e);
        var full = Flatten(data.Spec.Experiment(e.Id, Specs.Profile.Full));
        var changed = mine.Keys.Concat(full.Keys.Where(k => !mine.ContainsKey(k))).Where(k => k != "profile")
            .Where(k => mine.GetValueOrDefault(k) != full.GetValueOrDefault(k)).ToList();
        if (changed.Count == 0) return null;
        // An absent sample count means every image.
        string Unset(string key) => key.EndsWith("_samples", StringComparison.Ordinal) ? "all" : "not set";
        var line = new Line().Bold($"On the {Profile(data.Profile)} profile").Text(" these settings differ from the report's (the full profile): ");
        for (int i = 0; i < changed.Count; i++)
        {
            var key = changed[i];
            if (i > 0) line.Text("; ");
            line.Code(key).Text($" {mine.GetValueOrDefault(key) ?? Unset(key)} instead of {full.GetValueOrDefault(key) ?? Unset(key)}");
        }
        return line.Text(".");
    }

    /// <summary>A resolved spec as setting path → value (lists of plain values kept whole: seeds = [1, 2, 3]).</summary>
    static Dictionary<string, string> Flatten(ExperimentSpec e)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o) Walk(child, path.Length == 0 ? key : $"{path}.{key}");
                    break;
                case JsonArray a when a.All(x => x is JsonValue or null):
                    values[path] = a.Count > 0 && a.All(x => x is JsonValue v && v.TryGetValue<int>(out _))
                        ? Seeds(a.Select(x => x!.GetValue<int>()).ToList())
                        : "[" + string.Join(", ", a.Select(x => x?.ToJsonString(SpecJson) ?? "null")) + "]";
                    break;
                case JsonArray a:
                    for (int i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]");
                    break;
                case JsonValue v:
                    values[path] = v.TryGetValue<double>(out var d) ? Number(d, "#,0.######") : v.ToJsonString(SpecJson);
                    break;
            }
        }
        Walk(JsonSerializer.SerializeToNode(e, SpecJson), "");
        return values;
    }

    static Details SpecDetails(ReportData data, ExperimentOutcome report)
    {
        var e = report.Experiment;
        var parts = new List<(string, string, string)>
        {
            ($"experiments.{e.Id}, resolved for the {Profile(data.Profile)} profile (defaults, the experiment, its profile overrides):", "json",
                JsonSerializer.Serialize(e, SpecJson)),
        };
        if (e.Analysis is { } analysis)
            parts.Add(("analysis (after training; outside the run key, its results cached beside the runs):", "json", JsonSerializer.Serialize(analysis, SpecJson)));
        parts.Add(($"datasets.{report.Dataset.Id}:", "json", JsonSerializer.Serialize(report.Dataset, SpecJson)));
        return new Details($"Resolved spec of {e.Id} ({Profile(data.Profile)} profile), as JSON", parts);
    }

    static Table ResultTable(ExperimentOutcome report)
    {
        var e = report.Experiment;
        var header = new List<string> { "model", "runs", "outcome", "final training loss" };
        bool test = e.Record.Test, accuracy = e.Record.Accuracy, gradient = e.Record.GradientNorm, critical = e.CriticalPoint is not null;
        if (test) header.Add("final test loss");
        if (accuracy) header.Add("final training accuracy");
        if (accuracy && test) header.Add("final test accuracy");
        if (gradient) header.Add("final gradient norm");
        if (critical) header.AddRange(["loss at the critical point", "minimal ratio"]);
        // Analysis measures every run of the experiment has (sensitivity; the end sharpness of an interpolation).
        var analysed = Measure.All.Where(m => m.FromAnalysis && m.Scope == MeasureScope.Run && report.Results.Runs.Count > 0 &&
            report.Results.Runs.All(r => r.Scalars?.ContainsKey(m.Name) == true)).ToList();
        header.AddRange(analysed.Select(m => m.Description));
        header.Add("training time per run");
        var rows = new List<IReadOnlyList<Line>>();
        foreach (var m in e.Models.Values)
        {
            var runs = report.Results.Of(m.Id);
            string S(Measure measure) => Spread(measure.Name, runs.Select(r => measure.Of(r)).ToList());
            var row = new List<Line> { m.Label, Count(runs.Count), Outcome(e, runs), S(Measure.FinalTrainLoss) };
            if (test) row.Add(S(Measure.FinalTestLoss));
            if (accuracy) row.Add(S(Measure.FinalTrainAccuracy));
            if (accuracy && test) row.Add(S(Measure.FinalTestAccuracy));
            if (gradient) row.Add(S(Measure.FinalGradientNorm));
            if (critical) row.AddRange([S(Measure.CriticalLoss), S(Measure.MinimalRatio)]);
            row.AddRange(analysed.Select(measure => (Line)S(measure)));
            row.Add(runs.Count == 0 ? "–" : Seconds(runs.Average(r => r.Provenance.WallSeconds)));
            rows.Add(row);
        }
        return new Table(header, rows, new HashSet<int> { 1 });
    }

    static string Outcome(ExperimentSpec e, IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0) return "–";
        var diverged = runs.Count(r => r.Outcome == RunOutcome.Diverged);
        var parts = new List<string>();
        if (e.Convergence is not null)
        {
            var converged = runs.Where(r => r.Outcome == RunOutcome.Converged).Select(r => r.ConvergedEpoch!.Value).Order().ToList();
            parts.Add(converged.Count == 0
                ? $"not converged in {Count(e.MaxEpochs)} epochs ({runs.Count} of {runs.Count})"
                : $"converged in {converged.Count} of {runs.Count}, at epoch{(converged.Count == 1 ? "" : "s")} {string.Join(", ", converged.Select(x => Count(x)))}");
        }
        else
        {
            var epochs = runs.Select(r => r.Epochs).Distinct().Order().ToList();
            parts.Add($"trained {string.Join(" / ", epochs.Select(x => Count(x)))} epoch{(epochs is [1] ? "" : "s")}");
        }
        if (diverged > 0) parts.Add($"diverged in {diverged}");
        return string.Join("; ", parts);
    }

    static void Claim(ReportData data, ClaimResult r, List<Block> blocks)
    {
        var c = r.Claim;
        blocks.Add(new Heading(4, new Line().Text($"§{c.Section} {c.Id} ").Badge(VerdictText(r.Verdict), Style(r.Verdict)), ClaimAnchor(c.Id)));
        blocks.Add(new Quote($"“{c.Quote}”"));
        var items = new List<Line>
        {
            new Line().Bold("The report: ").Text(c.Reported ?? "–"),
            new Line().Bold("Verdict: ").Badge(VerdictText(r.Verdict), Style(r.Verdict)).Text(r.AsExpected
                ? $" — as experiments.yaml records for the {Profile(data.Profile)} profile"
                : $" — ⚠️ experiments.yaml records {Word(r.Expected)} for the {Profile(data.Profile)} profile")
                .Text(data.Profile != Specs.Profile.Full && c.Expected(Specs.Profile.Full) != r.Expected
                    ? $" (and {Word(c.Expected(Specs.Profile.Full))} for the full profile, whose budget can decide it)."
                    : "."),
            new Line().Bold($"Measured ({Profile(data.Profile)}): ").Text(r.Message),
            new Line().Bold("Rule: ").Text(
                c.Kind == ClaimKind.Parameters ? "the count of the model as built equals the report's"
                : Measure.Find(c.Metric)?.Scope == MeasureScope.Experiment ? "the one experiment-wide value lies in the range"
                : c.Rule.ToString()),
            new Line().Bold("Why this threshold: ").Text(c.Reason),
        };
        if (r.Verdict != Verdict.Holds && c.Evidence is { Length: > 0 } evidence)
            items.Add(new Line().Bold("Evidence recorded in experiments.yaml: ").Text(evidence));
        blocks.Add(new BulletList(items));
    }

    static void FigureIndex(ReportData data, List<Block> blocks)
    {
        blocks.Add(new Rule());
        blocks.Add(new Heading(2, "Index of figures", "figures"));
        var owner = data.Experiments.SelectMany(e => e.Figures.Select(f => (f.Number, e.Experiment))).ToDictionary(p => p.Number, p => p.Experiment);
        var rows = data.Figures.Select(f => (IReadOnlyList<Line>)
        [
            new Line().Link($"Figure {f.Number}", "#" + FigureAnchor(f.Number)),
            f.Caption,
            f.Title,
            new Line().Link($"§{owner[f.Number].Section}", "#" + SectionAnchor(owner[f.Number].Section)),
            new Line().Code($"figures/{f.FileName}"),
        ]).ToList();
        blocks.Add(new Table(["figure", "the report's caption", "drawn here", "section", "file"], rows));
    }
}
