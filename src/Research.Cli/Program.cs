using System.CommandLine;
using Research.Cli.Commands;
using Spectre.Console;

// `research`: the command-line front door to the same engine the tests call.
// Logs and CI get wide tables instead of Spectre's 80-column fallback.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) ? columns : 160;

var root = new RootCommand(
    """
    research — reproduce the claims of hw1-report.md from experiments.yaml.

    Every experiment of the report is specified in experiments.yaml; `run` trains it through the same
    engine the claim tests use, caching each finished run under .cache/runs so nothing trains twice.
    Profiles: `ci` is a reduced budget for the test suite, `full` is the report's own settings.

    Examples:
      research list
      research run fit-sinc --profile full
      research run fit-sign --seed 1 --seed 2 --model model-1
      research run fit-sinc --set models.model-3.optimizer.lr=0.002
      research reproduce --profile ci
      research report --profile ci
      research data
      research stress --seconds 60
    """);
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
root.Subcommands.Add(ClaimsCommand.Create());
root.Subcommands.Add(FiguresCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(StressCommand.Create());
return await root.Parse(args).InvokeAsync();
