using System.CommandLine;
using Research.Claims;
using Research.Cli.Display;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research reproduce</c>: every experiment of the spec, then every claim's verdict.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var command = new Command("reproduce",
            """
            Run every experiment of experiments.yaml on the chosen profile (reusing the run cache), then judge
            every claim over the profile's seeds and print the verdicts beside the report's numbers.
            Exit code 0 when every verdict is the one the spec records, 1 otherwise.
            """) { spec, profile };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var p = parse.GetValue(profile);
            var experiments = engine.Spec.Experiments.Values.Select(e => e[p]).ToList();
            var results = new List<RunResult>();
            void RunAll(IRunObserver observer)
            {
                foreach (var e in experiments)
                    results.AddRange(engine.RunAll(e, observer, cancel));
            }
            AnsiConsole.MarkupLine($"[bold]Reproducing {experiments.Count} experiments ({experiments.Sum(e => e.Models.Count * e.Seeds.Count)} runs) and {engine.Spec.Claims.Count} claims, {p.ToString().ToLowerInvariant()} profile[/]");
            LiveProgress.Show(RunAll, keepFinished: false);
            foreach (var e in experiments)
                AnsiConsole.Write(ResultTable.Create(e, results.Where(r => r.Experiment == e.Id).ToList()));

            var verdicts = engine.Spec.Claims.Values.Select(c => engine.Judge(c, p, cancel: cancel)).ToList();
            AnsiConsole.Write(ClaimTable.Create(verdicts));
            var unexpected = verdicts.Count(v => !v.AsExpected);
            AnsiConsole.MarkupLine(unexpected == 0
                ? $"[green]Every verdict is the one experiments.yaml records[/] ({Count(verdicts, Verdict.Holds)} hold, {Count(verdicts, Verdict.Deviates)} deviate, {Count(verdicts, Verdict.Inconclusive)} inconclusive)."
                : $"[red]{unexpected} verdict(s) differ from experiments.yaml[/]: investigate, then update the claim's expect/evidence.");
            return unexpected == 0 ? 0 : 1;
        })));
        return command;
    }

    static int Count(IEnumerable<ClaimResult> results, Verdict v) => results.Count(r => r.Verdict == v);
}
