using System.Globalization;
using Research.Reporting.Document;
using Research.Runs;
using Research.Training;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>
/// The report's provenance: the code and spec that wrote it, the data the runs saw, the machine they
/// trained on and, per experiment, how many runs, how long they trained, their peak memory and when.
/// Everything comes from the runs' recorded provenance, so regenerating elsewhere from the same cache
/// gives the same text.
/// </summary>
internal static class ProvenanceSection
{
    public static void Write(ReportData data, List<Block> blocks)
    {
        var runs = data.Runs.ToList();
        blocks.Add(new Rule());
        blocks.Add(new Heading(2, "Provenance", "provenance"));
        blocks.Add(new Paragraph(new Line()
            .Text("Every run records where it came from (its ").Code("provenance")
            .Text(" in the run cache). The facts below are read from those records ")
            .Text("and from the spec, never from the machine that writes the report, " +
                  "so the report is the same wherever it is regenerated from the same runs.")));
        blocks.Add(Facts(data, runs));

        blocks.Add(new Heading(3, "Data"));
        blocks.Add(DataTable(data));

        blocks.Add(new Heading(3, "Runs"));
        blocks.Add(new Paragraph(new Line()
            .Text("Training time is the runs' own wall time, summed (runs of one experiment may have trained side by side, one per core); ")
            .Text("peak memory is the high-water mark of the resident set of the process that trained the runs (VmHWM), read when each run ended, ")
            .Text("so a run trained after a memory-hungry one in the same process (such as §2.3's Hessians) inherits that process's peak.")));
        blocks.Add(RunTable(data, runs));
        if (runs.Any(r => r.Provenance.GitCommit == "unknown"))
            blocks.Add(new Paragraph(new Line().Code("unknown").Text(
                ": trained from a copy of the build outside the git checkout (so that rebuilding the repository could not disturb a run of hours), " +
                "before the engine could be told the commit (RESEARCH_COMMIT). A commit marked -dirty had uncommitted changes, " +
                "which may be prose only: the run key, not the commit, decides whether a run is reused.")));
        if (runs.Any(r => r.Provenance.GitCommit.Contains(" (code built from ", StringComparison.Ordinal) || r.Provenance.GitCommit.EndsWith(" (built)", StringComparison.Ordinal)))
            blocks.Add(new Paragraph(new Line().Code("(code built from …)").Text(
                ": the working tree's commit when the process started, then the commit the running code was built from, where they differ " +
                "(built, then committed, then run); ").Code("(built)").Text(": outside a checkout, the build's commit alone.")));
        if (runs.Any(r => r.Provenance.ResumedAt is not null))
            blocks.Add(new Paragraph(new Line().Text(
                "A run taken up from an interrupted attempt's checkpoint records the commit and CPU of the process that finished it only; " +
                "the epoch it resumed at is in its result (provenance.resumed_at).")));
    }

    /// <summary>The code, spec, libraries and machine behind the runs.</summary>
    static Table Facts(ReportData data, IReadOnlyList<RunResult> runs)
    {
        var current = runs.Count(r => r.Provenance.SpecSha256 == data.Spec.Sha256);
        var rows = new List<IReadOnlyList<Line>>
        {
            Row("git commit of the code that wrote this report", new Line().Code(data.GitCommit)),
            Row("experiments.yaml, SHA-256", new Line().Code(data.Spec.Sha256)),
            Row("runs trained under this exact experiments.yaml",
                $"{Count(current)} of {Count(runs.Count)}" + (current == runs.Count ? "" :
                    "; the others under earlier versions that differ only in what the run key leaves out (prose, figures, claims, analyses)")),
            Row("engine version (run key)", Distinct(runs, r => r.Provenance.EngineVersion)),
            Row("TorchSharp", Distinct(runs, r => r.Provenance.TorchSharpVersion)),
            Row("libtorch", Distinct(runs, r => r.Provenance.LibTorchVersion)),
            Row("CPU", Distinct(runs, r => r.Provenance.Cpu)),
            Row("numerics", Distinct(runs, r => r.Provenance.Numerics ?? "libtorch defaults (not recorded: trained before issue 13)")),
            Row("operating system", Distinct(runs, r => r.Provenance.Os)),
            Row("libtorch threads per run", Distinct(runs, r => r.Provenance.Threads.ToString(CultureInfo.InvariantCulture))),
        };
        return new Table(["", "value"], rows);
    }

    /// <summary>Per data set, the checksum every run recorded of the data it trained on.</summary>
    static Table DataTable(ReportData data)
    {
        var rows = data.Experiments.GroupBy(e => e.Dataset.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<Line>)
            [
                new Line().Code(g.Key),
                g.First().Dataset.Kind == Specs.DatasetKind.Mnist
                    ? "MNIST's four IDX files: SHA-256 of their four SHA-256s (each pinned in MnistFiles.cs and verified on load)"
                    : "the sampled inputs and targets, as float32",
                Lines(g.SelectMany(e => e.Results.Runs).Select(r => r.Provenance.DataChecksum).Distinct().Order(StringComparer.Ordinal)
                    .Select(sum => new Line().Code(sum))),
                string.Join(", ", g.Select(e => e.Experiment.Id)),
            ]).ToList();
        return new Table(["data set", "checksum of", "SHA-256 recorded by the runs", "experiments"], rows);
    }

    /// <summary>Per experiment and for all: how many runs, how long they trained, their peak memory, at which commits and when.</summary>
    static Table RunTable(ReportData data, IReadOnlyList<RunResult> runs)
    {
        var rows = data.Experiments.Select(e =>
        {
            var mine = e.Results.Runs;
            return (IReadOnlyList<Line>)
            [
                new Line().Link($"§{e.Experiment.Section}", "#" + SectionAnchor(e.Experiment.Section)).Text(" ").Code(e.Experiment.Id),
                Count(mine.Count),
                Seconds(mine.Sum(r => r.Provenance.WallSeconds)),
                mine.Count == 0 ? "–" : Bytes(mine.Max(r => r.Provenance.PeakResidentBytes)),
                Commits(mine),
                Dates(mine),
            ];
        }).ToList();
        rows.Add(
        [
            new Line().Bold("all"),
            new Line().Bold(Count(runs.Count)),
            new Line().Bold(Seconds(runs.Sum(r => r.Provenance.WallSeconds))),
            new Line().Bold(runs.Count == 0 ? "–" : Bytes(runs.Max(r => r.Provenance.PeakResidentBytes))),
            Commits(runs),
            Dates(runs),
        ]);
        IReadOnlyList<string> header = ["experiment", "runs", "training time", "peak memory", "trained at commit", "trained (UTC)"];
        return new Table(header, rows, new HashSet<int> { 1, 2, 3 });
    }

    static IReadOnlyList<Line> Row(string what, Line value) => [what, value];

    static Line Distinct(IEnumerable<RunResult> runs, Func<RunResult, string> value)
    {
        var counts = runs.GroupBy(value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (counts.Count == 0) return "–";
        if (counts.Count == 1) return counts[0].Key;
        return Lines(counts.Select(g => new Line().Text($"{g.Key} ({Count(g.Count())} runs)")));
    }

    static Line Lines(IEnumerable<Line> lines)
    {
        var all = new Line();
        foreach (var line in lines)
        {
            if (!all.IsEmpty) all.Break();
            all.Append(line);
        }
        return all.IsEmpty ? "–" : all;
    }

    /// <summary>The commits runs were trained at, oldest first (by their runs' first date), with counts when several.</summary>
    static Line Commits(IReadOnlyList<RunResult> runs)
    {
        var commits = runs.GroupBy(r => r.Provenance.GitCommit, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => r.Provenance.CreatedUtc)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (commits.Count == 0) return "–";
        if (commits.Count == 1) return new Line().Code(commits[0].Key);
        if (commits.Count == 2)
            return new Line().Code(commits[0].Key).Text(Invariant($" ({commits[0].Count()}), "))
                .Code(commits[1].Key).Text(Invariant($" ({commits[1].Count()})"));
        return new Line().Code(commits[0].Key).Text(" … ").Code(commits[^1].Key).Text(Invariant($" ({commits.Count} commits)"));
    }

    static string Dates(IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0) return "–";
        DateTime first = runs.Min(r => r.Provenance.CreatedUtc), last = runs.Max(r => r.Provenance.CreatedUtc);
        var from = Date(first);
        var to = Date(last);
        if (to == from) return from;
        if (first.Date == last.Date) return $"{from[..^4]} – {last.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
        return $"{from[..^4]} – {Date(last)}";
    }
}
