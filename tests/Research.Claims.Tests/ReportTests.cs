using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Research.Reporting;
using Research.Reporting.Document;
using Research.Runs;
using Research.IO;
using Research.Outcomes;

namespace Research.Claims.Tests;

/// <summary>
/// The reproduction report (reports/&lt;profile&gt;/), written into temporary folders from the session's runs:
/// it is reproducible byte for byte and the same in any current culture, names every claim and figure of
/// experiments.yaml, and its HTML fetches nothing. The runs are the claim tests' own (cached), so these take seconds.
/// </summary>
public sealed partial class ReportTests(ClaimSession session)
{
    [Fact]
    public void RegeneratedFromTheSameCachedRunsTheReportIsByteIdentical()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var first = new TempFolder();
        using var second = new TempFolder();
        var a = ReportGenerator.Generate(session.Reproduction, session.Profile, first.Path, cancel: cancel);
        // A second engine reads every run back from the run cache on disk, not from the session's memory.
        var b = ReportGenerator.Generate(new Reproduction(Engine.FromRepository()), session.Profile, second.Path, cancel: cancel);

        b.Files.Should().Equal(a.Files);
        a.Files.Should().Contain([ReportGenerator.MarkdownFile, ReportGenerator.HtmlFile]).And.Contain(f => f.StartsWith("figures/fig-"));
        var differences = a.Files.Select(f => Difference(f, first.Path, second.Path)).OfType<string>().ToList();
        differences.Should().BeEmpty("REPORT.md, report.html and the figures depend only on the cached runs, the spec and the code");
        File.Exists(a.Invocation).Should().BeTrue("facts about the invocation go to invocation.json, beside the report");
    }

    [Fact]
    public void TheReportNamesEveryClaimAndFigureAndItsHtmlFetchesNothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var report = ReportGenerator.Generate(session.Reproduction, session.Profile, folder.Path, cancel: cancel);
        var spec = session.Engine.Spec;
        var md = File.ReadAllText(report.Markdown);
        var html = File.ReadAllText(report.Html);
        var appendix = File.ReadAllText(Path.Combine(folder.Path, ReportGenerator.AppendixFile));

        var summary = Part(md, "<a id=\"summary\"></a>");
        foreach (var claim in spec.Claims.Values)
        {
            var anchor = $"claim-{claim.Id}";
            summary.Should().Contain($"[{claim.Id}](#{anchor})", $"the summary table has a row for {claim.Id}, linked to its section");
            var section = Part(md, $"<a id=\"s-{spec.Experiment(claim.Experiment, session.Profile).Section.Replace('.', '-')}\"></a>");
            section.Should().Contain($"<a id=\"{anchor}\"></a>", $"{claim.Id} is discussed in the section of its experiment");
            html.Should().Contain($"id=\"{anchor}\"").And.Contain($"href=\"#{anchor}\"");
        }

        var referenced = FigureLink().Matches(md).Select(m => m.Groups[1].Value).Distinct().ToList();
        referenced.Should().NotBeEmpty();
        foreach (var file in referenced)
            File.Exists(Path.Combine(folder.Path, file)).Should().BeTrue($"REPORT.md shows {file}");
        var declared = spec.Experiments.Values.SelectMany(e => e[session.Profile].Figures).ToList();
        foreach (var figure in declared)
        {
            md.Should().Contain($"![Figure {figure.Number}: {figure.Caption}](figures/fig-{figure.Number:00}.png)",
                $"figure {figure.Number} of experiments.yaml is shown with the report's number and caption");
            appendix.Should().Contain($"[Figure {figure.Number}](REPORT.md#fig-{figure.Number:00})", "the appendix's index of figures lists it");
        }

        html.Should().NotContainAny(["src=\"http", "href=\"http", "<link", "<script src", "url(", "@import", "fetch(", "XMLHttpRequest", "import("],
            "report.html is self-contained: it loads nothing from anywhere (its scripts are inline)");
        Regex.Matches(html, "<img src=\"data:image/png;base64,").Count.Should().Be(declared.Count, "every figure is embedded");
        Regex.Matches(html, "<img ").Count.Should().Be(declared.Count);

        // Verdict marks render without an emoji font (Debian without fonts-noto-color-emoji showed empty boxes).
        foreach (var text in new[] { md, html })
            text.EnumerateRunes().Where(r => r.Value is >= 0x1F000 or 0xFE0F or 0x2705 or 0x274C or 0x2754).Select(r => r.ToString())
                .Should().BeEmpty("the report uses text marks (✓ ✗ ⚠), not emoji");
        md.Should().Contain("✓ holds");
    }

    [Fact]
    public void TheReportLeadsWithTheHeadlineAndEveryClaimThatDoesNotHoldAndLeavesTheSpecsToTheAppendix()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var report = ReportGenerator.Generate(session.Reproduction, session.Profile, folder.Path, cancel: cancel);
        var lines = File.ReadAllLines(report.Markdown);
        // The full report judges every alternative and interaction, so its robustness part runs longer: 801 lines measured (2026-12-06).
        lines.Length.Should().BeLessThan(session.Profile == Research.Specs.Profile.Full ? 850 : 800,
            "REPORT.md is read by people; the resolved specs are in APPENDIX.md (issue 18)");

        var headings = lines.Where(l => l.StartsWith('#')).ToList();
        headings[1].Should().Contain("id=\"deviations\"", "right after the title and the headline come the claims that do not hold");
        var deviations = Part(string.Join('\n', lines), "<a id=\"deviations\"></a>");
        foreach (var c in report.Data.Claims.Where(c => c.Verdict != Research.Specs.Verdict.Holds))
            deviations.Split('\n').Should().ContainSingle(l => l.Contains($"[{c.Claim.Id}](#claim-{c.Claim.Id})"), $"{c.Claim.Id} does not hold: one line");
        lines.Should().NotContain(l => l.StartsWith("```json"), "the resolved specs are in the appendix");

        var appendix = File.ReadAllText(Path.Combine(folder.Path, ReportGenerator.AppendixFile));
        foreach (var e in report.Data.Experiments)
        {
            appendix.Should().Contain($"<a id=\"spec-{e.Experiment.Id}\"></a>").And.Contain($"\"id\": \"{e.Experiment.Id}\"");
            string.Join('\n', lines).Should().Contain($"(APPENDIX.md#spec-{e.Experiment.Id})", $"§{e.Experiment.Section} links to its entry in the appendix");
        }
        File.ReadAllText(report.Html).Should().Contain("href=\"appendix.html#spec-", "the HTML page links to the appendix's HTML page");
    }

    [Fact]
    public void AReportFolderThatCannotBeWrittenStopsWithTheFolderAndTheFix()
    {
        using var folder = new TempFolder();
        var blocker = System.IO.Path.Combine(folder.Path, "reports");
        File.WriteAllText(blocker, "a file where the report folder should be");
        var act = () => ReportGenerator.Generate(session.Reproduction, session.Profile, System.IO.Path.Combine(blocker, "ci"),
            cancel: TestContext.Current.CancellationToken);
        act.Should().Throw<StorageException>().Which.Message.Should()
            .StartWith(System.IO.Path.Combine(blocker, "ci")).And.Contain("point --out at a writable folder");
    }

    [Fact]
    public void UnderACultureWithCommaDecimalsTheReportAndTheClaimMessagesAreTheInvariantOnes()
    {
        var cancel = TestContext.Current.CancellationToken;
        // Everything after training is redone under each culture: a new pipeline judges the claims and builds the figures again.
        (string Markdown, string Html, List<string> Claims) Write()
        {
            var data = ReportData.Collect(new Reproduction(session.Engine), session.Profile, cancel: cancel);
            var document = ReportBuilder.Build(data);
            var claims = data.Claims.Select(r => $"{r} | {r.Statistic} | {r.Claim.Rule}").ToList();
            var figures = data.Figures.Select(f => $"{f.Title} | {f.XLabel} | {f.YLabel} | {f.Y2Label} | " +
                string.Join(" | ", f.Series.Select(s => s.Label + string.Concat(s.PointLabels?.Values ?? [])))).ToList();
            return (MarkdownWriter.Write(document), HtmlWriter.Write(document, _ => []), [.. claims, .. figures]);
        }

        var hostile = Hostile();
        1234.5.ToString("N1", hostile).Should().Be("1.234,5");
        0.95.ToString("P0", hostile).Should().Be("% 95");
        var invariant = InCulture(CultureInfo.InvariantCulture, Write);
        var other = InCulture(hostile, Write);

        CultureInfo.CurrentCulture.Should().NotBeSameAs(hostile, "the culture is restored after each part");
        invariant.Markdown.Should().Contain(" ± ").And.Contain("α = 0.05").And.Contain("1,000");
        LineDifference(ReportGenerator.MarkdownFile, invariant.Markdown, other.Markdown).Should()
            .BeNull("REPORT.md is written in the invariant culture, whatever the current one");
        LineDifference(ReportGenerator.HtmlFile, invariant.Html, other.Html).Should().BeNull("so is report.html");
        other.Claims.Count.Should().Be(invariant.Claims.Count);
        invariant.Claims.Zip(other.Claims).Where(p => p.First != p.Second).Select(p => $"\"{p.First}\" vs \"{p.Second}\"")
            .Should().BeEmpty("the claims' messages, statistics and rules, and the figures' titles and labels, are in the invariant culture too");
    }

    /// <summary>Runs <paramref name="action"/> with <paramref name="culture"/> as the current (UI) culture of this flow, then restores it.</summary>
    static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, ui);
        }
    }

    /// <summary>
    /// Numbers as German writes them (1.234,5), and then some: the percent sign in front (% 95), a
    /// typographic minus, other words for ∞ and NaN, '.' between hours and minutes.
    /// </summary>
    static CultureInfo Hostile()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var n = culture.NumberFormat;
        n.NumberDecimalSeparator = n.PercentDecimalSeparator = n.CurrencyDecimalSeparator = ",";
        n.NumberGroupSeparator = n.PercentGroupSeparator = n.CurrencyGroupSeparator = ".";
        n.PercentPositivePattern = 3; // % n
        n.PercentNegativePattern = 7; // −% n
        n.NegativeSign = "−";
        n.PositiveInfinitySymbol = "unendlich";
        n.NegativeInfinitySymbol = "−unendlich";
        n.NaNSymbol = "keine Zahl";
        culture.DateTimeFormat.TimeSeparator = ".";
        return culture;
    }

    /// <summary>The text from <paramref name="start"/> to the next second-level heading.</summary>
    static string Part(string markdown, string start)
    {
        var from = markdown.IndexOf(start, StringComparison.Ordinal);
        from.Should().BeGreaterThanOrEqualTo(0, $"REPORT.md has {start}");
        var to = markdown.IndexOf("\n## ", from, StringComparison.Ordinal);
        return to < 0 ? markdown[from..] : markdown[from..to];
    }

    /// <summary>Null when the two copies of <paramref name="file"/> are byte-identical, else where they first differ.</summary>
    static string? Difference(string file, string first, string second)
    {
        byte[] a = File.ReadAllBytes(Path.Combine(first, file)), b = File.ReadAllBytes(Path.Combine(second, file));
        if (a.AsSpan().SequenceEqual(b)) return null;
        if (!file.EndsWith(".png", StringComparison.Ordinal))
            return LineDifference(file, Encoding.UTF8.GetString(a), Encoding.UTF8.GetString(b)) ?? $"{file}: the bytes differ, not the text";
        var offset = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"{file}: {a.Length} vs {b.Length} bytes, first difference at byte {offset}";
    }

    /// <summary>Null when the two texts are equal, else the first line where they differ.</summary>
    static string? LineDifference(string file, string first, string second)
    {
        if (first == second) return null;
        string[] x = first.Split('\n'), y = second.Split('\n');
        var line = Enumerable.Range(0, Math.Min(x.Length, y.Length)).FirstOrDefault(i => x[i] != y[i], Math.Min(x.Length, y.Length));
        return $"{file}: line {line + 1} differs: \"{Get(x, line)}\" vs \"{Get(y, line)}\"";
    }

    static string Get(string[] lines, int i) => i < lines.Length ? lines[i] : "(end of file)";

    [GeneratedRegex(@"\]\((figures/[^)\s]+)\)")]
    private static partial Regex FigureLink();
}
