using System.CommandLine;
using Research.Cli.Display;
using Research.Runs;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research plan</c>: the run grid of a profile as data, with what each run is expected to cost.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var experiments = CommonOptions.ExperimentFilter("Only this experiment's runs (repeatable; default: every experiment).");
        var noRobustness = CommonOptions.NoRobustness();
        var runs = new Option<bool>("--runs") { Description = "List every run (longest first), not only the totals per experiment." };
        var json = JsonOutput.Option("the plan: what `research worker --plan` splits between workers,");
        var command = new Command("plan",
            """
            The run grid of a profile as data: every run `research reproduce` trains (each experiment under each
            of its variants, and under the alternatives and interactions of the choices the profile judges), once per cache key,
            with its key, experiment, model, seed and expected cost. The cost is the run's own wall time when it
            is cached, else scaled from a cached run of the same model under other settings (seconds per epoch
            and sample), else estimated from its parameters, epochs and samples; it only balances shares.

            Examples:
              research plan --profile full
              research plan --profile ci --experiment fit-sinc --runs
              research plan --profile full --json plan.json   # for research worker
            """) { spec, profile, experiments, noRobustness, runs, json };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var only = CommonOptions.Experiments(engine.Spec, parse.GetValue(experiments));
            var robustness = !parse.GetValue(noRobustness);
            var plan = RunPlan.Build(engine.Spec, parse.GetValue(profile), engine.Cache, only, robustness);
            var target = parse.GetValue(json);
            var console = JsonOutput.TableConsole(target);
            Print(plan, parse.GetValue(runs), console);
            JsonOutput.Write(target, PlanFile.Of(plan, engine.Spec, only, robustness));
            if (target is not null && target != JsonOutput.Stdout)
                console.MarkupLine($"Plan written to [bold]{Markup.Escape(Path.GetFullPath(target))}[/].");
            return 0;
        })));
        return command;
    }

    static void Print(RunPlan plan, bool everyRun, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("experiment", "runs", "cached", "to train", "expected");
        foreach (var i in new[] { 1, 2, 3, 4 }) table.Columns[i].RightAligned();
        foreach (var group in plan.Runs.GroupBy(r => r.Experiment).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var missing = group.Where(r => !r.Cached).ToList();
            table.AddRow(group.Key, $"{group.Count()}", $"{group.Count(r => r.Cached)}", $"{missing.Count}", Duration(missing.Sum(r => r.Seconds)));
        }
        var all = plan.Runs.Where(r => !r.Cached).ToList();
        table.AddRow("[bold]all[/]", $"[bold]{plan.Runs.Count}[/]", $"[bold]{plan.Runs.Count(r => r.Cached)}[/]", $"[bold]{all.Count}[/]", $"[bold]{Duration(all.Sum(r => r.Seconds))}[/]");
        console.Write(table);
        var sources = all.GroupBy(r => r.CostSource).OrderBy(g => g.Key).Select(g => $"{g.Count()} {(g.Key == CostSource.Measured ? "scaled from cached runs" : "estimated")}");
        console.MarkupLine($"{plan.Profile.ToString().ToLowerInvariant()} profile. Expected training time, one run per core: [bold]{Duration(all.Sum(r => r.Seconds))}[/] of work" +
                               (all.Count > 0 ? $" ({string.Join(", ", sources)}); the longest run, {Duration(all[0].Seconds)}, bounds any split." : "; nothing to train."));
        if (!everyRun) return;
        var list = new Table().Border(TableBorder.Simple).AddColumns("run", "key", "cached", "expected", "cost from", "trained under");
        foreach (var r in plan.Runs)
            list.AddRow(Markup.Escape(r.Name), r.Key[..16], r.Cached ? "yes" : "", Duration(r.Seconds), r.CostSource.ToString().ToLowerInvariant(), Markup.Escape(string.Join(", ", r.Settings)));
        console.Write(list);
    }

    internal static string Duration(double seconds) => seconds switch
    {
        < 60 => $"{seconds:0} s",
        < 3600 => $"{(int)(seconds / 60)} min {(int)seconds % 60:00} s",
        _ => $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):00} min",
    };
}
