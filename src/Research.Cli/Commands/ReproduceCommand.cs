using System.CommandLine;
using Research.Claims;
using Research.Cli.Display;
using Research.Reporting;
using Research.Training;
using Spectre.Console;
using Research.Specs;
using Research.Outcomes;

namespace Research.Cli.Commands;

/// <summary><c>research reproduce</c>: every experiment of the spec, every claim's verdict, then the report.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var noRobustness = CommonOptions.NoRobustness();
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Worker processes for the queue of runs to train (default: the cores). 1 trains in this process, experiment by experiment.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("reproduce",
            """
            Run every experiment of experiments.yaml on the chosen profile (reusing the run cache), then judge
            every claim over the profile's seeds, print the verdicts beside the report's numbers, and write
            the reproduction report to reports/<profile>/ (REPORT.md, report.html, figures; as
            `research report` does), judging the claims under the alternatives of the choices made where
            the report is silent as well (`research robustness`; --no-robustness leaves them out). The runs
            still to train go into one queue, longest first, drained by --jobs worker processes (one per core,
            one run each at a time); one display follows the queue. Exit code 0 when every verdict is the one
            the spec records (or, where it records the CPU as deciding a verdict, varies_by_cpu, the other
            decided one), 1 otherwise.
            """) { spec, profile, noRobustness, jobs };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var p = parse.GetValue(profile);
            var experiments = engine.Spec.Experiments.Values.Select(e => e[p]).ToList();
            var log = new RunLog();
            void RunAll(IRunObserver observer)
            {
                foreach (var e in experiments)
                    engine.RunAll(e, log.Tee(observer), cancel);
            }
            if (parse.GetValue(jobs) > 1)
                log.TrainedElsewhere(QueueRunner.Run(engine, p, robustness: !parse.GetValue(noRobustness), parse.GetValue(jobs), cancel)
                    .Select(r => r.Id));
            AnsiConsole.MarkupLine($"[bold]Reproducing {experiments.Count} experiments ({experiments.Sum(e => e.Models.Count * e.Seeds.Count)} runs) and {engine.Spec.Claims.Count} claims, {p.ToString().ToLowerInvariant()} profile[/]");
            // The report judges every claim (and, unless asked not to, every alternative of the choices the profile
            // judges, training the runs they change) and draws every figure; the tables below print what it found.
            ReportFiles? files = null;
            LiveProgress.Show(observer =>
            {
                RunAll(observer);
                files = ReportGenerator.Generate(new Reproduction(engine), p, log: log, observer: new TrainingOnly(observer), cancel: cancel,
                    robustness: !parse.GetValue(noRobustness));
            }, keepFinished: false, settingOf: LiveProgress.SettingsOf(engine, p));
            var report = files!;
            foreach (var e in report.Data.Experiments)
                AnsiConsole.Write(ResultTable.Create(e.Experiment, e.Results.Runs));
            var verdicts = report.Data.Claims;
            AnsiConsole.Write(ClaimTable.Create(verdicts));
            var unexpected = verdicts.Count(v => !v.AsExpected);
            var byCpu = verdicts.Where(v => v.DecidedByCpu).Select(v => v.Claim.Id).ToList();
            AnsiConsole.MarkupLine(unexpected == 0
                ? $"[green]Every verdict is {(byCpu.Count > 0 ? "as" : "the one")} experiments.yaml records[/] ({Count(verdicts, Verdict.Holds)} hold, {Count(verdicts, Verdict.Deviates)} deviate, {Count(verdicts, Verdict.Inconclusive)} inconclusive)" +
                  (byCpu.Count > 0 ? $"; decided by the CPU: {Markup.Escape(string.Join(", ", byCpu))}." : ".")
                : $"[red]{Words.Count(unexpected, "verdict")} differ{(unexpected == 1 ? "s" : "")} from experiments.yaml[/]: investigate, then update the claim's expect/evidence.");
            ReportSummary.Print(report, log);
            return unexpected == 0 ? 0 : ErrorHandling.Differs;
        })));
        return command;
    }

    static int Count(IEnumerable<ClaimResult> results, Verdict v) => results.Count(r => r.Verdict == v);
}
