using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.Figures;
using Research.Outcomes;
using Research.Plotting;
using Research.Reporting.Document;
using Research.Runs;
using Research.Specs;
using Research.Torch;
using Research.Training;
using Research.IO;
using static System.FormattableString;

namespace Research.Reporting;

/// <summary>The files a report generation wrote, and what it measured.</summary>
/// <param name="Folder">reports/&lt;profile&gt; (or the folder asked for).</param>
/// <param name="Data">The runs, verdicts and figures the report shows.</param>
/// <param name="Files">Every file of the report, relative to <paramref name="Folder"/> ('/' separated), sorted: REPORT.md, report.html, figures/fig-NN.png.</param>
public sealed record ReportFiles(string Folder, ReportData Data, IReadOnlyList<string> Files)
{
    public string Markdown => Path.Combine(Folder, ReportGenerator.MarkdownFile);
    public string Html => Path.Combine(Folder, ReportGenerator.HtmlFile);
    public string Invocation => Path.Combine(Folder, ReportBuilder.InvocationFile);
}

/// <summary>
/// Writes the reproduction report of a profile: runs every experiment through the engine (the run cache
/// is reused; missing runs train), judges every claim, draws every figure, and writes REPORT.md,
/// report.html (self-contained), figures/fig-NN.png and results.json (the same as data, for `research diff`), plus invocation.json with what this invocation
/// did. The report files are a function of the cached runs, the spec and the code only: regenerated from
/// the same cache they are byte-identical. Every file is written under a temporary name and renamed into
/// place; a folder that cannot be written raises <see cref="StorageException"/>.
/// </summary>
public static class ReportGenerator
{
    public const string MarkdownFile = "REPORT.md", HtmlFile = "report.html", FigureFolder = "figures";

    /// <summary>The appendix: every experiment's settings with their sources, and its resolved spec.</summary>
    public const string AppendixFile = Sections.AppendixSection.MarkdownFile, AppendixHtmlFile = Sections.AppendixSection.HtmlFile;

    /// <summary>The report being reproduced.</summary>
    public const string DefaultSource = "hw1-report.md";

    /// <summary>reports/&lt;profile&gt; of the repository.</summary>
    public static string DefaultFolder(Engine engine, Profile profile) =>
        Path.Combine(engine.Paths.Reports, profile.ToString().ToLowerInvariant());

    /// <param name="reproduction">The pipeline (its engine's run cache supplies the runs; outcomes already built are reused).</param>
    /// <param name="profile">ci or full.</param>
    /// <param name="folder">Where to write (default: reports/&lt;profile&gt;).</param>
    /// <param name="log">This invocation's log, if it already trained or fetched runs through it (reproduce); else a new one.</param>
    /// <param name="observer">Progress of runs that still have to train (the CLI's display).</param>
    /// <param name="cancel">Stops training between epochs.</param>
    /// <param name="robustness">Whether to judge the claims under the choices' alternatives (see <see cref="ReportData.Robustness"/>).</param>
    /// <param name="only">Only these experiments and their claims (null: all).</param>
    public static ReportFiles Generate(Reproduction reproduction, Profile profile, string? folder = null, RunLog? log = null,
        IRunObserver? observer = null, CancellationToken cancel = default, bool robustness = true, IReadOnlyCollection<string>? only = null)
    {
        log ??= new RunLog();
        folder = Path.GetFullPath(folder ?? DefaultFolder(reproduction.Engine, profile));
        var data = ReportData.Collect(reproduction, profile, log.Tee(observer), cancel, robustness, only);
        var files = Write(data, folder);
        WriteInvocation(reproduction.Engine, data, folder, files, log);
        return new ReportFiles(folder, data, files);
    }

    /// <summary>Draws the figures and writes REPORT.md, report.html and results.json into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(ReportData data, string folder)
    {
        var figureFolder = Path.Combine(folder, FigureFolder);
        var figures = data.Figures.ToList();
        foreach (var figure in figures)
            FigureRenderer.SavePng(figure, Path.Combine(figureFolder, figure.FileName));
        RemoveStaleFigures(figureFolder, figures);

        byte[] Image(string source) => File.ReadAllBytes(Path.Combine(folder, source));
        var document = ReportBuilder.Build(data);
        AtomicFile.Write(Path.Combine(folder, MarkdownFile), Encoding.UTF8.GetBytes(MarkdownWriter.Write(document)));
        AtomicFile.Write(Path.Combine(folder, HtmlFile), Encoding.UTF8.GetBytes(HtmlWriter.Write(document, Image, ReportBuilder.HtmlLink)));
        var appendix = ReportBuilder.BuildAppendix(data);
        AtomicFile.Write(Path.Combine(folder, AppendixFile), Encoding.UTF8.GetBytes(MarkdownWriter.Write(appendix)));
        AtomicFile.Write(Path.Combine(folder, AppendixHtmlFile), Encoding.UTF8.GetBytes(HtmlWriter.Write(appendix, Image, ReportBuilder.HtmlLink)));
        Research.Diffs.ResultsFile.Write(Diffs.ResultsRecord.From(data), folder);
        return [AppendixFile, MarkdownFile, AppendixHtmlFile, HtmlFile, Research.Diffs.ResultsFile.FileName, .. figures.Select(f => $"{FigureFolder}/{f.FileName}")];
    }

    /// <summary>A figure file no longer drawn (its figure was removed or renumbered) would be mistaken for a current one.</summary>
    static void RemoveStaleFigures(string figureFolder, IReadOnlyList<Figure> figures)
    {
        if (!Directory.Exists(figureFolder)) return;
        var current = figures.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        try
        {
            foreach (var file in Directory.EnumerateFiles(figureFolder, "fig-*.png"))
                if (!current.Contains(Path.GetFileName(file))) File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageException.Writing(figureFolder, e, "--out");
        }
    }

    /// <summary>invocation.json: facts about this invocation, kept out of the report so that the report stays reproducible.</summary>
    static void WriteInvocation(Engine engine, ReportData data, string folder, IReadOnlyList<string> files, RunLog log)
    {
        var all = data.Runs.Select(RunId.Of).ToList();
        HashSet<RunId> trained = [.. log.Trained], cached = [.. log.Cached];
        cached.ExceptWith(trained);
        var earlier = all.Where(r => !trained.Contains(r) && !cached.Contains(r)).ToList();
        static List<string> Names(IEnumerable<RunId> ids) => ids.Select(i => i.ToString()).Order(StringComparer.Ordinal).ToList();
        var invocation = new
        {
            report = Path.Combine(folder, MarkdownFile),
            profile = data.Profile.ToString().ToLowerInvariant(),
            started_utc = log.StartedUtc,
            wall_seconds = Math.Round(log.Elapsed.TotalSeconds, 3),
            git_commit = data.GitCommit,
            spec_sha256 = data.Spec.Sha256,
            machine = new
            {
                cpu = TorchRuntime.Cpu,
                os = TorchRuntime.Os,
                dotnet = Environment.Version.ToString(),
                torchsharp = TorchRuntime.TorchSharpVersion,
                libtorch = TorchRuntime.LibTorchVersion,
            },
            run_cache = engine.Cache.Root,
            runs = new
            {
                total = all.Count,
                trained = trained.Count(all.Contains),
                from_cache = cached.Count(all.Contains),
                already_loaded = earlier.Count,
                // Runs this invocation trained for other settings (the alternatives of the choices it judged).
                trained_for_other_settings = trained.Count(r => !all.Contains(r)),
            },
            trained = Names(trained.Where(all.Contains)),
            resumed_from_checkpoint = Names(log.Resumed.Where(all.Contains)),
            waited_for_another_process = Names(log.Waited.Where(all.Contains)),
            from_cache = Names(cached.Where(all.Contains)),
            already_loaded = Names(earlier),
            files = files.ToDictionary(f => f, f => Sha256(Path.Combine(folder, f))),
        };
        AtomicFile.Write(Path.Combine(folder, ReportBuilder.InvocationFile),
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(invocation, Json.Options) + "\n"));
    }

    static string Sha256(string path)
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageException.Writing(Path.GetDirectoryName(path)!, e, "--out");
        }
    }
}
