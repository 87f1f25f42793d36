using System.CommandLine;
using Research.Runs;
using Spectre.Console;
using Research.IO;

namespace Research.Cli.Commands;

/// <summary><c>research stress</c>: runs side by side under constant garbage collection, checked bit for bit.</summary>
internal static class StressCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "How long to keep training rounds (default 30; at least one round runs).",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command("stress",
            """
            Check that runs trained side by side in one process cannot corrupt each other: small synthetic
            fits (leaky_relu, Adam with weight decay, SGD with momentum) and, when MNIST is present, a small
            CNN on 512 images (channels-last convolutions, max-pool, dropout, the flat optimizer) train two at
            a time, writing checkpoints, round after round, while another thread collects garbage without pause; every run must
            equal the same run trained alone, bit for bit (losses and accuracies). This is what freed a native Scalar under a running kernel before
            issue 19 was fixed. Make collections more frequent still with DOTNET_GCgen0size=0x20000:

              DOTNET_GCgen0size=0x20000 research stress --seconds 600

            Exit code 0 when every run matched, 1 when one did not. Trains nothing into the run cache.
            """);
        command.Options.Add(seconds);
        command.SetAction(parse => ErrorHandling.Guard(() =>
        {
            var duration = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(seconds)));
            var report = StressCheck.Run(RepoPaths.Discover(), duration, r =>
                AnsiConsole.MarkupLine($"round {r.Rounds}: {r.Runs} runs, {r.Collections:N0} collections, {r.Elapsed.TotalSeconds:F1} s, {r.Mismatches.Count} mismatches"));
            foreach (var m in report.Mismatches) AnsiConsole.MarkupLine($"[red]{Markup.Escape(m)}[/]");
            if (report.CnnSkipped is { } why) AnsiConsole.MarkupLine($"[yellow]the CNN did not train: {Markup.Escape(why)}[/]");
            var verdict = report.Mismatches.Count == 0 ? "[green]all runs matched[/]" : "[red]runs differed[/]";
            AnsiConsole.MarkupLine($"{verdict}: {report.Runs} runs side by side in {report.Rounds} rounds, {report.Collections:N0} forced collections, {report.Elapsed.TotalSeconds:F1} s.");
            return report.Mismatches.Count == 0 ? 0 : ErrorHandling.Differs;
        }));
        return command;
    }
}
