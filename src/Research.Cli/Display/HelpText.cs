using System.CommandLine;
using System.CommandLine.Help;

namespace Research.Cli.Display;

/// <summary>
/// Help that reads at any width. The descriptions are written as paragraphs hard-wrapped near 100 columns;
/// System.CommandLine wraps each of those lines again at the terminal's width, so an 80-column terminal got
/// ragged halves ("…chosen profile, / through the engine the"). Each paragraph is joined into one line here
/// and wrapped once, by the help builder. Indented lines (examples, exit codes) stay as written.
/// </summary>
internal static class HelpText
{
    /// <summary>The width of help written to a pipe or file: $COLUMNS, else 100 (a terminal's own width is used as it is).</summary>
    const int RedirectedWidth = 100;

    public static void Apply(RootCommand root)
    {
        foreach (var command in AllCommands(root))
            if (command.Description is { } description) command.Description = Reflow(description);
        if (root.Options.OfType<HelpOption>().FirstOrDefault()?.Action is HelpAction help && Console.IsOutputRedirected)
            help.MaxWidth = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : RedirectedWidth;
    }

    /// <summary>Joins the lines of each paragraph; keeps blank lines, indented lines and the line before an indented block.</summary>
    public static string Reflow(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var output = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            bool joins = output.Count > 0 && line.Length > 0 && !char.IsWhiteSpace(line[0])
                         && output[^1].Length > 0 && !char.IsWhiteSpace(output[^1][0]) && !output[^1].EndsWith(':');
            if (joins) output[^1] += " " + line.TrimEnd();
            else output.Add(line.TrimEnd());
        }
        return string.Join('\n', output);
    }

    static IEnumerable<Command> AllCommands(Command command) =>
        command.Subcommands.SelectMany(AllCommands).Prepend(command);
}
