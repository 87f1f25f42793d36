using System.CommandLine;
using Research.Cli.Commands;
using Research.Cli.Display;

// `research`: the command-line front door to the same engine the tests call.
Consoles.SetWidths();

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
      research robustness --profile ci
      research diff reports/ci ci     # a report against the committed record
      research baseline fit-sinc --profile full --variant harness --seed 1
      research data
      research stress --seconds 60
      research plan --profile full
      research submit slurm --profile full --time 2:00:00 --mem 4G

    Exit codes:
      0    done; every verdict and baseline as experiments.yaml records
      1    a verdict, baseline or stress check differs from the recorded one
      2    usage or spec error: a bad command line, an invalid spec or --set
      3    data or storage error: a dataset, run or baseline missing or unreadable
      5    a run failed (its native and .NET stack traces go to .cache/logs)
      6    the cluster scheduler is missing or refused a job
      130  cancelled (Ctrl+C)
    """);
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
root.Subcommands.Add(ClaimsCommand.Create());
root.Subcommands.Add(RobustnessCommand.Create());
root.Subcommands.Add(FiguresCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(BaselineCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(CacheCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(StressCommand.Create());
HelpText.Apply(root);
var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
if (parse.Errors.Count > 0) return ParseErrors.Report(parse);
return await parse.InvokeAsync();
