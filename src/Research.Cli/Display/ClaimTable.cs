using Research.Claims;
using Spectre.Console;
using Spectre.Console.Rendering;
using Research.Specs;

namespace Research.Cli.Display;

/// <summary>Claims with their verdicts: the report's words and number beside what was measured.</summary>
internal static class ClaimTable
{
    /// <summary>A table; under 120 columns, where its cells would break words and numbers, one claim per paragraph instead.</summary>
    public static IRenderable Create(IReadOnlyList<ClaimResult> results) =>
        AnsiConsole.Profile.Width < 120 ? Narrow(results) : Wide(results);

    /// <summary>"§1.1.1 deep7-converges-faster: holds (as recorded)", then the report's words and the measurement, indented, wrapped at words.</summary>
    static IRenderable Narrow(IReadOnlyList<ClaimResult> results) => new Rows(results.Select(r => (IRenderable)new Rows(
        new Markup($"[bold]§{r.Claim.Section} {Markup.Escape(r.Claim.Id)}[/]: {Colored(r.Verdict)} " +
                   (r.DecidedByCpu ? $"[green](decided by the CPU; records {Word(r.Expected)})[/]" : r.AsExpected ? "[green](as recorded)[/]" : $"[red](records {Word(r.Expected)})[/]")),
        new Padder(new Markup(Markup.Escape($"\"{r.Claim.Quote}\"" + (r.Claim.Reported is { } n ? $" ({n})" : "")), new Style(Color.Grey)), new Padding(2, 0, 0, 0)),
        new Padder(new Markup(Markup.Escape(r.Message)), new Padding(2, 0, 0, 0)))));

    static string Word(Verdict? v) => v?.ToString().ToLowerInvariant() ?? "pending";

    /// <summary>A verdict in its colour: holds green, deviates yellow, inconclusive grey.</summary>
    internal static string Colored(Verdict v) => v switch
    {
        Verdict.Holds => "[green]holds[/]",
        Verdict.Deviates => "[yellow]deviates[/]",
        _ => "[grey]inconclusive[/]",
    };

    static Table Wide(IReadOnlyList<ClaimResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Claims").AddColumns("§", "claim", "the report", "verdict", "expected", "measured");
        foreach (var r in results)
        {
            table.AddRow(
                r.Claim.Section,
                Markup.Escape(r.Claim.Id),
                Markup.Escape($"\"{r.Claim.Quote}\"" + (r.Claim.Reported is { } n ? $" ({n})" : "")),
                Colored(r.Verdict),
                r.DecidedByCpu ? $"[green]by CPU: records {Word(r.Expected)}[/]" : r.AsExpected ? "[green]yes[/]" : $"[red]no: {Word(r.Expected)}[/]",
                Markup.Escape(r.Message));
        }
        return table;
    }
}
