using System.CommandLine;
using Research.Cli.Display;
using Research.Reporting;
using Research.Outcomes;

namespace Research.Cli.Commands;

/// <summary><c>research report</c>: write the reproduction report of a profile (REPORT.md, report.html, figures).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder to write the report to (default: reports/<profile>)." };
        var noRobustness = CommonOptions.NoRobustness();
        var only = CommonOptions.ExperimentFilter("Only this experiment and its claims (repeatable; default: all), e.g. for the report of a cluster job that trained a few.");
        var command = new Command("report",
            """
            Write the reproduction report of the chosen profile to reports/<profile>/: every experiment's
            runs (from the run cache; missing ones are trained first), every claim's verdict beside the
            report's words and numbers, and every figure numbered as in the report.

              REPORT.md          the headline, what does not hold, the claims table, then
                                 one part per section: choices, models, results, figures,
                                 each claim with its rule, evidence and robustness
              APPENDIX.md        the resolved specs and where each setting came from
              report.html        REPORT.md as one offline page: sortable table, charts
              appendix.html      APPENDIX.md as a page
              figures/fig-NN.png the report's figures 1–22
              invocation.json    this invocation: its duration, runs trained and cached

            REPORT.md, report.html and the figures are byte-identical when regenerated from the same
            cached runs, spec and code. Exit code 0 when every verdict is the one experiments.yaml
            records (or, for a claim it records as decided by the CPU, varies_by_cpu, its other decided
            verdict), 1 otherwise (the report is written either way).

            Examples:
              research report                     # reports/ci/, from the cached ci runs
              research report --profile full      # reports/full/ (may train for hours)
              research report --profile full --no-robustness   # no alternatives
              research report --out /tmp/report
              research report -e fit-sinc -e gradient-norm --out /tmp/two
            """) { spec, profile, output, noRobustness, only };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var log = new RunLog();
            ReportFiles? report = null;
            LiveProgress.Show(observer => report = ReportGenerator.Generate(
                new Reproduction(engine), parse.GetValue(profile), parse.GetValue(output)?.FullName, log, new TrainingOnly(observer), cancel,
                robustness: !parse.GetValue(noRobustness), only: CommonOptions.Experiments(engine.Spec, parse.GetValue(only))), keepFinished: false,
                settingOf: LiveProgress.SettingsOf(engine, parse.GetValue(profile)));
            ReportSummary.Print(report!, log);
            return report!.Data.Claims.All(c => c.AsExpected) ? 0 : ErrorHandling.Differs;
        })));
        return command;
    }
}
