using System.CommandLine;
using System.Text;
using Research.Cli.Display;
using Research.Diffs;
using Research.IO;
using Research.Plotting;
using Research.Reporting.Diffs;
using Research.Specs.Loading;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research diff a b</c>: what changed between two reproductions, without training anything.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("a") { Description = "The first side (the reference)." };
        var b = new Argument<string>("b") { Description = "The second side." };
        var spec = CommonOptions.Spec();
        var json = JsonOutput.Option("the diff");
        var all = new Option<bool>("--all") { Description = "List the counted keys too (one side only, not pinned, …)." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write one self-contained page: tables, overlaid figures.", HelpName = "FILE" };
        var figures = new Option<DirectoryInfo?>("--figures") { Description = "Also draw each figure, a solid and b dashed, as PNGs here.", HelpName = "DIR" };
        var measure = new Option<bool>("--measure")
        {
            Description = "Reproduce a commit side instead of reading its record: check it out in a temporary worktree, build it " +
                          "and run its report from this run cache (training what the cache lacks).",
        };
        var command = new Command("diff",
            """
            Compare two reproductions: the claims whose verdict changed, then the pinned
            numbers (metrics and figure series, as the baselines pin them) that moved
            beyond their tolerance, then a count line. Nothing is trained or checked out
            unless --measure asks for it.

            A side is one of
              a report folder  holding results.json, as `research report` writes it
                               (reports/ci, /tmp/report)
              a profile        ci or full: its committed record in the working tree,
                               i.e. the verdicts experiments.yaml records for it and the
                               numbers baselines/<profile>/ pins
              a commit         HEAD~1, main, 3e22afd, or <commit>:<profile> (default:
                               the other side's profile, else ci): what was committed
                               there, read with git, NOT a retraining (or that commit's
                               reports/<profile>/results.json, if it holds one); with
                               --measure, that commit built in a worktree and its report
                               run from this run cache

            Numbers use experiments.yaml's baseline tolerances: the strict ones when
            both sides come from the same machine (numerics fingerprint), else the
            portable ones. Values not pinned across machines and keys on one side only
            are counted (--all lists them). A change to or from pending, or of a
            verdict recorded as varying between CPUs, is listed but is not a flip.
            Exit code 0 when no verdict flips, 1 when one does, 2 for a side that names
            nothing, 3 for a missing or unreadable file.

            Examples:
              research diff ci full              # the profiles' committed records
              research diff reports/ci ci        # this reproduction against the record
              research diff HEAD~3 HEAD --all    # what 3 commits changed in ci's record
              research diff main:full full --html /tmp/diff.html --figures /tmp/diff
              research diff HEAD~3 reports/ci --measure   # HEAD~3 rerun, not read
            """) { a, b, spec, json, all, html, figures, measure };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            try { return Run(parse.GetValue(a)!, parse.GetValue(b)!, parse.GetValue(spec), parse.GetValue(json), parse.GetValue(all), parse.GetValue(html), parse.GetValue(figures), parse.GetValue(measure), cancel); }
            catch (RecordException e)
            {
                Consoles.Err.MarkupLine($"[red]Cannot read a side:[/] {Markup.Escape(e.Message)}");
                return ErrorHandling.StorageError;
            }
        })));
        return command;
    }

    static int Run(string a, string b, FileInfo? specFile, string? json, bool all, FileInfo? html, DirectoryInfo? figures, bool measure, CancellationToken cancel)
    {
        var paths = specFile is null ? RepoPaths.Discover() : new RepoPaths(specFile.Directory!.FullName);
        var rules = SpecLoader.Load(specFile?.FullName ?? Path.Combine(paths.Root, RepoPaths.SpecFileName), []).Baselines;
        DiffSide Read(string side, Specs.Profile profile)
        {
            if (!measure || Directory.Exists(side) || DiffSides.ProfileNamed(side) is { } && !side.Contains(':')) return DiffSides.Read(side, paths.Root, profile);
            var folder = CommitReproduction.Measure(paths, side, DiffSides.ProfileNamed(side) ?? profile, cancel);
            return DiffSides.Read(folder, paths.Root, profile) with { Name = side };
        }
        var sideA = Read(a, DiffSides.ProfileNamed(b) ?? Specs.Profile.Ci);
        // A bare commit takes the other side's profile: named (ci, HEAD:full) or, for a report folder, the one it reproduced.
        var sideB = Read(b, DiffSides.ProfileNamed(a) ?? DiffSides.ProfileNamed(sideA.Record.Profile) ?? Specs.Profile.Ci);
        var diff = ReproductionDiff.Compare(sideA, sideB, rules);
        // As the other verbs: `--json -` puts the JSON on stdout and the text on stderr; a file leaves stdout the text.
        (json == JsonOutput.Stdout ? Console.Error : Console.Out).Write(DiffText.Write(diff, all));
        if (json is not null) JsonOutput.WriteBytes(json, Encoding.UTF8.GetBytes(DiffJson.Write(diff)));
        if (html is not null || figures is not null)
        {
            var overlays = OverlayFigures.Build(diff, sideA.Record, sideB.Record)
                .Select(o => (o.FileName, o.Figure, Png: FigureRenderer.RenderPng(o.Figure))).ToList();
            if (figures is not null)
            {
                Directory.CreateDirectory(figures.FullName);
                foreach (var (file, _, png) in overlays) AtomicFile.Write(Path.Combine(figures.FullName, file), png, "--figures");
                Consoles.Err.WriteLine($"{overlays.Count} overlay figures in {figures.FullName}");
            }
            if (html is not null)
            {
                AtomicFile.Write(html.FullName, Encoding.UTF8.GetBytes(DiffDocument.Html(diff, overlays)), "--html");
                Consoles.Err.WriteLine($"Wrote {html.FullName}");
            }
        }
        return diff.Flips > 0 ? ErrorHandling.Differs : 0;
    }
}
