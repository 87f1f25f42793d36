using System.CommandLine;
using Research.Cli.Display;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// A command line that does not parse: each error once, a suggestion for a mistyped verb, and where the
/// help is; not the whole help page after it (System.CommandLine's default).
/// </summary>
internal static class ParseErrors
{
    public static int Report(ParseResult parse)
    {
        var messages = parse.Errors.Select(e => e.Message).Distinct().ToList();
        // "lst" gives both "Required command was not provided." and "Unrecognized command or argument 'lst'": the second says it.
        if (messages.Count > 1) messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
        foreach (var message in messages) Consoles.Err.MarkupLine($"[red]{Markup.Escape(message)}[/]");

        var command = parse.CommandResult.Command;
        var verbs = command.Subcommands.Select(c => c.Name).ToList();
        var unknown = parse.UnmatchedTokens.FirstOrDefault();
        if (unknown != null && verbs.Count > 0)
        {
            Consoles.Err.MarkupLine(Research.Specs.SpecPath.Suggest(unknown, verbs) is { } closest
                ? $"Did you mean [bold]{Markup.Escape(closest)}[/]? Commands: {Markup.Escape(string.Join(", ", verbs))}."
                : $"Commands: {Markup.Escape(string.Join(", ", verbs))}.");
        }
        var path = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Append(command)
            .Select(c => c is RootCommand ? "research" : c.Name));
        Consoles.Err.MarkupLine($"[grey]See `{Markup.Escape(path)} --help`.[/]");
        return ErrorHandling.UsageError;
    }
}
