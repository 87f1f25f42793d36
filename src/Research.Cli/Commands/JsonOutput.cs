using System.CommandLine;
using System.Text.Json;
using Research.Cli.Display;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// <c>--json &lt;file|-&gt;</c>, the same for list, claims, run, plan, diff and robustness: a verb's answer as JSON, in the project's
/// one convention (snake_case keys, <see cref="Research.IO.Json"/>). A file is written atomically beside the
/// table; <c>-</c> puts the JSON on stdout and the table on stderr, so stdout parses as JSON and nothing else.
/// </summary>
internal static class JsonOutput
{
    /// <summary>The conventional name for stdout.</summary>
    public const string Stdout = "-";

    public static Option<string?> Option(string what) => new("--json")
    {
        Description = $"Also write {what} as JSON to this file; `--json -` writes it to stdout and the table to stderr.",
        HelpName = "file|-",
    };

    /// <summary>Where the verb's table goes: stdout, unless the JSON takes stdout.</summary>
    public static IAnsiConsole TableConsole(string? target) => target == Stdout ? Consoles.Err : Consoles.Out;

    /// <summary>Writes <paramref name="value"/> to the file <paramref name="target"/> names (nothing when null).</summary>
    public static void Write(string? target, object value)
    {
        if (target is not null) WriteBytes(target, JsonSerializer.SerializeToUtf8Bytes(value, Research.IO.Json.Options));
    }

    /// <summary>Writes JSON already serialised (by a type with its own converter, such as the diff's) to <paramref name="target"/>.</summary>
    public static void WriteBytes(string target, byte[] bytes)
    {
        if (target == Stdout)
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
            stdout.Write("\n"u8);
            return;
        }
        Research.IO.AtomicFile.Write(Path.GetFullPath(target), bytes, "the --json file");
    }
}
