using Research.Claims;
using Research.Reporting;
using Research.Specs;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Display;

/// <summary>The lines printed after a report is written: the verdict count, where the files are, what this invocation did.</summary>
internal static class ReportSummary
{
    public static void Print(ReportFiles report, RunLog log)
    {
        var data = report.Data;
        string Rel(string path) => Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), path));
        var figures = report.Files.Count(f => f.StartsWith(ReportGenerator.FigureFolder + "/", StringComparison.Ordinal));
        var trained = data.Runs.Count(r => log.Trained.Contains(RunId.Of(r)));
        AnsiConsole.MarkupLine(
            $"[bold]Report written[/] ({data.Profile.ToString().ToLowerInvariant()} profile: {data.Count(Verdict.Holds)} hold, " +
            $"{data.Count(Verdict.Deviates)} deviate, {data.Count(Verdict.Inconclusive)} inconclusive; " +
            $"{data.Claims.Count(c => !c.AsExpected)} differ from experiments.yaml):");
        AnsiConsole.MarkupLine($"  {Rel(report.Markdown)}");
        AnsiConsole.MarkupLine($"  {Rel(report.Html)} [grey](self-contained)[/]");
        AnsiConsole.MarkupLine($"  {Rel(Path.Combine(report.Folder, ReportGenerator.FigureFolder))}/ [grey]({figures} figures)[/]");
        AnsiConsole.MarkupLine($"  {Rel(report.Invocation)} [grey](this invocation: {log.Elapsed.TotalSeconds:F1} s, {trained} of {data.Runs.Count()} runs trained, the rest from the run cache)[/]");
    }
}
