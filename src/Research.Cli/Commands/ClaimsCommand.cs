using System.CommandLine;
using Research.Claims;
using Research.Cli.Display;
using Spectre.Console;
using Research.Outcomes;
using Research.Specs;

namespace Research.Cli.Commands;

/// <summary><c>research claims</c>: judge claims (training only the runs not yet cached) and print their verdicts.</summary>
internal static class ClaimsCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var variant = CommonOptions.VariantOption();
        var json = JsonOutput.Option("the verdicts (claim, variant, profile, verdict, recorded, decided_by_cpu, message, statistic)");
        var filter = CommonOptions.ClaimFilter();
        var set = new Option<string[]>("--set")
        {
            Description = "Override a setting for this invocation, as a full path: experiments.ID.…=value or claims.ID.…=value (repeatable; " +
                          "a choice's alternative is such a list: `research robustness --list`). Overridden runs get their own cache entries.",
        };
        var command = new Command("claims",
            """
            Judge the report's claims over the profile's seeds and list each verdict beside the report's words
            and the verdict experiments.yaml records. Runs come from the run cache; missing ones are trained.
            Claims whose experiment cannot run the chosen variant are left out.
            """) { spec, profile, variant, filter, set, json };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), parse.GetValue(set) ?? []);
            var claims = CommonOptions.Claims(engine.Spec, parse.GetValue(filter));
            var v = CommonOptions.ParseVariant(parse.GetValue(variant));
            var reproduction = new Reproduction(engine);
            var results = new List<ClaimResult>();
            var progress = LiveProgress.Show(observer => results.AddRange(claims.Where(c => engine.Spec.Experiments[c.Experiment].Runnable.Contains(v))
                .Select(c => reproduction.Claim(c.Id, parse.GetValue(profile), v, observer, cancel))), keepFinished: false, quietCache: true);
            var target = parse.GetValue(json);
            var console = JsonOutput.TableConsole(target);
            console.Write(ClaimTable.Create(results));
            var differing = results.Where(r => !r.AsExpected).Select(r => r.Claim.Id).ToList();
            console.MarkupLine($"{Words.Count(results.Count, "claim")}: " +
                string.Join(", ", results.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => Tally(g.Key, g.Count()))) +
                $"; {(differing.Count == 0 ? "[green]every verdict as experiments.yaml records[/]" : $"[red]{Markup.Escape(string.Join(", ", differing))} not as recorded[/]")}" +
                $" ({Words.Count(progress.FinishedCount, "run")}, {progress.CachedCount:N0} from the cache).");
            JsonOutput.Write(target, results.Select(r => new
            {
                claim = r.Claim.Id, variant = r.Variant.Key(), profile = r.Profile.ToString().ToLowerInvariant(),
                verdict = r.Verdict.ToString().ToLowerInvariant(), recorded = r.Expected?.ToString().ToLowerInvariant(),
                decided_by_cpu = r.DecidedByCpu, message = r.Message, statistic = r.Statistic,
            }).ToList());
            return results.All(r => r.AsExpected) ? 0 : ErrorHandling.Differs;
        })));
        return command;
    }

    /// <summary>"26 hold", "1 holds", "1 inconclusive".</summary>
    static string Tally(Verdict verdict, int n) => verdict switch
    {
        Verdict.Holds => n == 1 ? "1 holds" : $"{n} hold",
        Verdict.Deviates => n == 1 ? "1 deviates" : $"{n} deviate",
        _ => $"{n} {verdict.ToString().ToLowerInvariant()}",
    };
}
