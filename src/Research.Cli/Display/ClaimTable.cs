using Research.Claims;
using Spectre.Console;
using Research.Specs;

namespace Research.Cli.Display;

/// <summary>Claims with their verdicts: the report's words and number beside what was measured.</summary>
internal static class ClaimTable
{
    public static Table Create(IReadOnlyList<ClaimResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Claims").AddColumns("§", "claim", "the report", "verdict", "expected", "measured");
        foreach (var r in results)
        {
            var color = r.Verdict == Verdict.Holds ? "green" : r.Verdict == Verdict.Deviates ? "yellow" : "grey";
            table.AddRow(
                r.Claim.Section,
                Markup.Escape(r.Claim.Id),
                Markup.Escape($"\"{r.Claim.Quote}\"" + (r.Claim.Reported is { } n ? $" ({n})" : "")),
                $"[{color}]{r.Verdict.ToString().ToLowerInvariant()}[/]",
                r.AsExpected ? "[green]yes[/]" : $"[red]no: {r.Expected?.ToString().ToLowerInvariant() ?? "pending"}[/]",
                Markup.Escape(r.Message));
        }
        return table;
    }
}
