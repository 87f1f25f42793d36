using Spectre.Console;

namespace Research.Cli.Display;

/// <summary>
/// Where the CLI writes: stdout holds a verb's answer (its table and count line, or its JSON) and nothing
/// else, so it can be piped, diffed or parsed; progress, log lines and errors go to stderr.
/// </summary>
internal static class Consoles
{
    /// <summary>The answer: stdout (Spectre's default console).</summary>
    public static IAnsiConsole Out => AnsiConsole.Console;

    /// <summary>Progress, log lines and errors: stderr, with its own terminal detection (a live display only when stderr is a terminal).</summary>
    public static IAnsiConsole Err { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>
    /// Widths when a stream is not a terminal: $COLUMNS when set, else 160 so logs and CI get wide tables
    /// instead of Spectre's 80-column fallback. A terminal's own width is left to Spectre.
    /// </summary>
    public static void SetWidths()
    {
        int width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 160;
        if (Console.IsOutputRedirected) Out.Profile.Width = width;
        if (Console.IsErrorRedirected) Err.Profile.Width = width;
    }
}
