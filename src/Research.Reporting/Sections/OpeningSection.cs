using Research.Claims;
using Research.Reporting.Document;
using Research.Specs;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>
/// The report's opening: the verdict count by source (<see cref="WriteHeadline"/>, first, with the deviations
/// after it), then what the two profiles are, what a verdict means, and how to regenerate (<see cref="Write"/>).
/// </summary>
internal static class OpeningSection
{
    public static void WriteHeadline(ReportData data, List<Block> blocks) => blocks.Add(new Paragraph(Verdicts(data)));

    public static void Write(ReportData data, List<Block> blocks)
    {
        blocks.Add(new Paragraph(Profiles(data)));
        blocks.Add(new Paragraph(Legend()));
        blocks.Add(new Paragraph(Regenerate(data)));
    }

    static Line Verdicts(ReportData data)
    {
        var claims = data.Claims;
        var unexpected = claims.Where(c => !c.AsExpected).ToList();
        var own = claims.Where(c => c.Claim.Source == ClaimSource.Text).ToList();
        var line = new Line()
            .Text("Every experiment of ").Code(data.Source).Text(" was rerun as ").Code("experiments.yaml").Text(" specifies it, and each of its ")
            .Text(Invariant($"{claims.Count} claims was judged over the profile's seeds by the rule written next to it. "))
            .Text(Invariant($"Of the {own.Count} that the report's text states, on the ")).Bold(Profile(data.Profile)).Text(" profile ")
            .Append(Tally(own, bold: true)).Text(". ");
        var others = new[] { (ClaimSource.Figure, "read what one of its figures is taken to show"), (ClaimSource.Published, "are published findings (or the course's expectation) that its experiments follow") }
            .Select(s => (Claims: claims.Where(c => c.Claim.Source == s.Item1).ToList(), Words: s.Item2)).Where(s => s.Claims.Count > 0).ToList();
        for (int i = 0; i < others.Count; i++)
        {
            var (group, words) = others[i];
            line.Text(i == 0 ? "Of the others, " : "; ").Text(Invariant($"{group.Count} {words}: ")).Append(Tally(group, bold: false));
        }
        if (others.Count > 0) line.Text(". The report does not state these; they are counted apart. ");
        var byCpu = claims.Where(c => c.DecidedByCpu).ToList();
        line.Append(unexpected.Count > 0 ? ListUnexpected(unexpected)
            : byCpu.Count == 0 ? new Line().Text("Every verdict is the one experiments.yaml records for this profile (what the claim tests assert).")
            : new Line().Text("Every verdict is as experiments.yaml records for this profile (what the claim tests assert)."));
        return line.Append(ByCpu(byCpu));
    }

    /// <summary>"20 hold ✓, 8 deviate ✗ and 1 is inconclusive ?", leaving out verdicts no claim has.</summary>
    static Line Tally(IReadOnlyList<ClaimResult> claims, bool bold)
    {
        var parts = Enum.GetValues<Verdict>().Select(v => (Verdict: v, N: claims.Count(c => c.Verdict == v))).Where(p => p.N > 0).ToList();
        var line = new Line();
        for (int i = 0; i < parts.Count; i++)
        {
            var (v, n) = parts[i];
            if (i > 0) line.Text(i == parts.Count - 1 ? " and " : ", ");
            var words = v switch
            {
                Verdict.Holds => n == 1 ? "1 holds" : Invariant($"{n} hold"),
                Verdict.Deviates => n == 1 ? "1 deviates" : Invariant($"{n} deviate"),
                _ => Invariant($"{n} {(n == 1 ? "is" : "are")} {Word(v)}"),
            };
            (bold ? line.Bold(words) : line.Text(words)).Text($" {ReportFormat.Mark(v)}");
        }
        return parts.Count == 0 ? line.Text("none") : line;
    }

    /// <summary>The verdicts that differ from the record only as experiments.yaml records they may: the CPU's kernels decide them.</summary>
    static Line ByCpu(IReadOnlyList<ClaimResult> byCpu)
    {
        var line = new Line();
        if (byCpu.Count == 0) return line;
        Linked(line.Text(" "), byCpu, c => $" ({Word(c.Verdict)} on this machine's kernels, recorded {Word(c.Expected)})");
        return line.Text(byCpu.Count == 1
            ? " counts as recorded: experiments.yaml records that the CPU's kernels decide this verdict, and its claim test skips."
            : " count as recorded: experiments.yaml records that the CPU's kernels decide these verdicts, and their claim tests skip.");
    }

    static Line ListUnexpected(IReadOnlyList<ClaimResult> unexpected)
    {
        var one = unexpected.Count == 1;
        var line = new Line().Bold(Invariant($"{unexpected.Count} verdict{(one ? "" : "s")} differ{(one ? "s" : "")} from what experiments.yaml records: "));
        Linked(line, unexpected, c => $" ({Word(c.Verdict)}, recorded {Word(c.Expected)})");
        return line.Text(". Investigate, then update the claim's expect and evidence.");
    }

    /// <summary>"a (…), b (…)": each claim linked to its section, with <paramref name="note"/> after it.</summary>
    static void Linked(Line line, IReadOnlyList<ClaimResult> claims, Func<ClaimResult, string> note)
    {
        for (int i = 0; i < claims.Count; i++)
        {
            if (i > 0) line.Text(", ");
            line.Link(claims[i].Claim.Id, "#" + ClaimAnchor(claims[i].Claim.Id)).Text(note(claims[i]));
        }
    }

    static Line Profiles(ReportData data)
    {
        var fullSeeds = data.Spec.Experiments.Values.Select(e => e[Specs.Profile.Full].Seeds.Count).ToList();
        var other = data.Profile == Specs.Profile.Ci ? "full" : "ci";
        return new Line()
            .Bold("ci").Text($" is the reduced budget the test suite trains in minutes: fewer seeds, fewer epochs and {MnistSubsets(data)}. ")
            .Text("Its verdicts show that every claim can be measured end to end; " +
                  "on a few epochs, a subset of the images and one to five seeds they are not the reproduction. ")
            .Bold("full").Text(" is the report's settings where it states them and the choices in each section's notes where it does not " +
                               Invariant($"(hours of training), judged over {fullSeeds.Min()} to {fullSeeds.Max()} seeds (or repetitions) per experiment: ") +
                               "its verdicts are the reproduction. ")
            .Text(data.Profile == Specs.Profile.Ci ? "This is the ci report; " : "This is the full report; ")
            .Code($"research report --profile {other}")
            .Text($" writes the other one to reports/{other}/.");
    }

    /// <summary>The MNIST images the ci profile trains on, when every subsetting experiment uses the same ones.</summary>
    static string MnistSubsets(ReportData data)
    {
        var mnist = data.Experiments.Where(e => e.Dataset.Kind == DatasetKind.Mnist && e.Experiment.TrainSamples is not null)
            .Select(e => (e.Experiment.TrainSamples, e.Experiment.TestSamples)).Distinct().ToList();
        return mnist.Count == 1
            ? $"for MNIST the first {Count(mnist[0].TrainSamples!.Value)} training and {Count(mnist[0].TestSamples ?? 10000)} test images"
            : "for MNIST a subset of the images";
    }

    static Line Legend() => new Line()
        .Bold("Verdicts. ").Text($"{ReportFormat.VerdictText(Verdict.Holds)}: the measurements satisfy the claim's rule. ")
        .Text($"{ReportFormat.VerdictText(Verdict.Deviates)}: they contradict it. ")
        .Text($"{ReportFormat.VerdictText(Verdict.Inconclusive)}: they cannot decide it " +
              "(too few seeds or runs for the test, a confidence interval straddling a bound, or a diverged run). ")
        .Text("A claim that does not reproduce is not weakened: " +
              "experiments.yaml records it as deviating, with the measured evidence, shown under the claim.");

    static Line Regenerate(ReportData data) => new Line()
        .Text("Regenerate with ").Code($"research report --profile {Profile(data.Profile)}")
        .Text(" (from the run cache in about a minute; on a fresh clone, with no cache, it first trains every run). ")
        .Text("REPORT.md, report.html and the figures are byte-identical whenever they are regenerated from the same cached runs, spec and code; ")
        .Text("what the invocation that wrote them did (its duration, which runs it trained and which it read from the cache) is in ")
        // Not a link: the file changes with every invocation, so it is not committed (reports/.gitignore), and a link to it
        // from a committed report would be broken.
        .Code(ReportBuilder.InvocationFile).Text(", written beside this file by each invocation and not committed with it.");
}
