using System.CommandLine;
using Research.Data;
using Research.Runs;
using Spectre.Console;
using Research.IO;

namespace Research.Cli.Commands;

/// <summary><c>research data</c>: verify MNIST where the engine will look for it.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data",
            """
            Check MNIST: the four IDX files in data/mnist (or $RESEARCH_DATA), their sizes, label counts and
            SHA-256 against the pinned originals. `./build.sh data` fetches them first when missing.
            """);
        command.SetAction(_ => ErrorHandling.Guard(() =>
        {
            var folder = RepoPaths.Discover().Mnist;
            var set = MnistLoader.LoadUncached(folder);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("file", "SHA-256 (verified)");
            foreach (var (name, sha) in MnistFiles.Sha256) table.AddRow(name, sha);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[green]MNIST OK[/] in {Markup.Escape(folder)}: {set.TrainCount:N0} training and {set.TestCount:N0} test images.");
            return 0;
        }));
        return command;
    }
}
