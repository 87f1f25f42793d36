using System.CommandLine;
using Research.Claims;
using Research.Cli.Display;
using Research.Outcomes;
using Research.Specs;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research robustness</c>: every claim judged again under each alternative of each choice the report leaves open.</summary>
internal static class RobustnessCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var variant = CommonOptions.VariantOption();
        var choice = new Option<string[]>("--choice") { Description = "Only this choice's alternatives and the interactions it is part of (repeatable); `research robustness --list` names them." };
        var filter = CommonOptions.ClaimFilter();
        var list = new Option<bool>("--list") { Description = "List the choices, their alternatives and the declared interactions (what each sets, which profile judges it) without training." };
        var recorded = new Option<bool>("--recorded")
        {
            Description = "Train nothing: show what experiments.yaml records (as written), each claim's recorded verdict and, under each " +
                          "alternative (and interaction) that changes its inputs, whether its recorded flips include the claim, with those not yet judged.",
        };
        var json = JsonOutput.Option("every claim's verdict under every alternative and interaction (with --recorded: the recorded states)");
        var command = new Command("robustness",
            """
            A specification curve: judge every claim again under each alternative of each choice experiments.yaml
            declares where the report is silent (the convergence rule, CNN-3's front, epoch budgets, …), one choice
            changed at a time from the variant's settings. Prints, per claim, "holds under k of n alternatives" and
            which alternatives flip its verdict. Declared `interactions` (alternatives of two choices changed together,
            where a verdict may rest on the pair) are judged beside the curve on the claims both change, and not counted
            in k of n; the flips none of its alternatives makes alone are marked "only together". The ci profile judges those marked `ci: true`; full judges all. Runs come from the run cache; an
            alternative trains only the runs it changes. Exit code 0 when every alternative and interaction flips the
            claims experiments.yaml records for it (as written), 1 otherwise.
            Any one alternative can be run by hand: `research claims --set <each of its assignments>`.
            `--recorded` answers in seconds from the records alone: the verdicts and flips measured so far.

            Examples:
              research robustness --profile full --recorded
              research robustness --profile full --choice epoch-budget -c 1.2
            """) { spec, profile, variant, choice, filter, list, recorded, json };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var p = parse.GetValue(profile);
            if (parse.GetValue(list))
            {
                AnsiConsole.Write(ChoiceTable(engine.Spec));
                return 0;
            }
            var v = CommonOptions.ParseVariant(parse.GetValue(variant));
            var choices = parse.GetValue(choice) ?? [];
            foreach (var unknown in choices.Where(c => !engine.Spec.Choices.ContainsKey(c)))
                throw new UsageException($"no choice '{unknown}'{Research.Specs.SpecPath.Hint(unknown, engine.Spec.Choices.Keys)}; choices: {string.Join(", ", engine.Spec.Choices.Keys)}");
            var alternatives = Robustness.Declared(engine.Spec, p).Where(a => choices.Length == 0 || choices.Contains(a.Choice.Id)).ToList();
            var interactions = Robustness.DeclaredInteractions(engine.Spec, p).Where(i => choices.Length == 0 || i.Of.Keys.Any(choices.Contains)).ToList();
            if (alternatives.Count == 0)
                throw new UsageException($"no alternative is judged on the {Words.Profile(p)} profile{(choices.Length > 0 ? " for " + string.Join(", ", choices) : "")}; " +
                                         "`research robustness --list` shows which profile judges each (ci: those marked `ci: true`)");
            var claims = CommonOptions.Claims(engine.Spec, parse.GetValue(filter))
                .Where(c => engine.Spec.Experiments[c.Experiment].Runnable.Contains(v))
                .ToList();
            if (parse.GetValue(recorded))
            {
                if (v != Variant.AsWritten)
                    throw new UsageException("--recorded reads the flips experiments.yaml records, which are measured as written: leave out --variant");
                return Recorded(RecordedRobustness.Of(engine.Spec, p, alternatives, claims, interactions), p, parse.GetValue(json));
            }

            var target = parse.GetValue(json);
            var console = JsonOutput.TableConsole(target);
            var reproduction = new Reproduction(engine);
            RobustnessResult? result = null;
            var progress = LiveProgress.Show(observer =>
                result = Robustness.Judge(reproduction, p, v, alternatives, claims.Select(c => c.Id).ToList(), observer, cancel, interactions),
                keepFinished: false, quietCache: true, settingOf: LiveProgress.SettingsOf(engine, p, v));

            console.Write(AlternativeTable(result!));
            var judged = result!.Claims.Where(c => c.Judged > 0).ToList();
            console.Write(ClaimRobustnessTable(judged, v));
            var untouched = claims.Count - judged.Count;
            if (untouched > 0)
                console.MarkupLine($"[grey]{Words.Count(untouched, "claim")} not shown: no judged alternative changes {(untouched == 1 ? "its" : "their")} experiment or spec.[/]");
            var unexpected = result.Unexpected.ToList();
            var unrecorded = result.Unrecorded.ToList();
            console.MarkupLine($"{Words.Count(alternatives.Count, "alternative")}{(interactions.Count > 0 ? $" and {Words.Count(interactions.Count, "interaction")}" : "")} judged on the {Words.Profile(p)} profile {v.Words()}; " +
                (unexpected.Count == 0 ? "[green]every recorded flip as measured[/]" : $"[red]{Markup.Escape(string.Join(", ", unexpected))} not as recorded[/]") +
                (unrecorded.Count > 0 ? $"; [yellow]not recorded yet ({(p == Research.Specs.Profile.Ci ? "flips_ci" : "flips")}): {Markup.Escape(string.Join(", ", unrecorded))}[/]" : "") +
                $" ({Words.Count(progress.FinishedCount, "run")}, {progress.CachedCount:N0} from the cache).");
            JsonOutput.Write(target, new
                {
                    profile = Words.Profile(p), variant = v.Key(),
                    claims = result.Claims.Select(c => new
                    {
                        claim = c.Default.Claim.Id, verdict = Word(c.Default.Verdict), judged = c.Judged, holds = c.Holding,
                        under = c.Under.Select(u => new { choice = u.Alternative.Choice.Id, alternative = u.Alternative.Alternative.Id, verdict = Word(u.Result.Verdict), message = u.Result.Message }),
                        together = c.Together.Select(u => new { interaction = u.Interaction.Interaction.Id, name = u.Interaction.Name, verdict = Word(u.Result.Verdict), message = u.Result.Message }),
                    }),
                    alternatives = result.Alternatives.Select(a => new
                    {
                        choice = a.Choice.Id, alternative = a.Alternative.Id, set = a.Alternative.Set,
                        judged = a.Claims.Select(c => c.Claim.Id), flips = RobustnessResult.Flipped(a, result.Defaults), recorded = a.Alternative.RecordedFlips(p),
                        pending_in = a.Alternative.PendingOn(p),
                    }),
                    interactions = result.Interactions.Select(i => new
                    {
                        interaction = i.Interaction.Id, of = i.Interaction.Of, set = i.Interaction.Set(engine.Spec),
                        judged = i.Claims.Select(c => c.Claim.Id), flips = RobustnessResult.Flipped(i, result.Defaults), only_together = result.OnlyTogether(i), recorded = i.Interaction.RecordedFlips(p),
                        pending_in = i.Interaction.PendingOn(p),
                    }),
                });
            return unexpected.Count == 0 ? 0 : ErrorHandling.Differs;
        })));
        return command;
    }

    static string Word(Verdict v) => v.ToString().ToLowerInvariant();

    /// <summary>The recorded specification curve: a table of the claims some alternative changes, a count line, and the JSON.</summary>
    static int Recorded(IReadOnlyList<RecordedClaimRobustness> claims, Research.Specs.Profile p, string? json)
    {
        var console = JsonOutput.TableConsole(json);
        var shown = claims.Where(c => c.Under.Count > 0).ToList();
        var together = shown.Any(c => c.Together.Count > 0);
        var table = new Table().Border(TableBorder.Rounded).Title($"Recorded robustness ({Words.Profile(p)} profile, as written)")
            .AddColumns("§", "claim", "recorded", "holds under", "flipped by");
        if (together) table.AddColumn("flipped together by");
        table.AddColumn("not yet judged");
        foreach (var c in shown)
        {
            var cells = new List<string>
            {
                c.Claim.Section, Markup.Escape(c.Claim.Id) + (c.Claim.Source == ClaimSource.Text ? "" : $" [grey]({Word(c.Claim.Source)})[/]"),
                c.Default is { } d ? ClaimTable.Colored(d) : "[grey]pending[/]",
                c.Judged == 0 ? "–" : c.Holding is { } k ? $"{k} of {c.Judged}" : $"[grey]{c.Judged} judged[/]",
                c.FlippedBy.Any() || c.VariesByCpu.Any()
                    ? string.Join("\n", c.FlippedBy.Select(Markup.Escape).Concat(c.VariesByCpu.Select(a => $"[grey]{Markup.Escape(a)} (on some CPUs)[/]")))
                    : "–",
            };
            if (together) cells.Add(c.FlippedTogether.Any() ? string.Join("\n", c.FlippedTogether.Select(Markup.Escape))
                : c.Together.Any(t => t.State == RecordedState.Kept) ? "[grey]none[/]" : "–");
            cells.Add(c.Owed.Any() ? $"[yellow]{Markup.Escape(string.Join("\n", c.Owed))}[/]" : "–");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        var owed = shown.Count(c => c.Owed.Any());
        console.MarkupLine($"{Words.Count(shown.Count, "claim")} changed by some alternative; {Words.Count(shown.Count(c => c.FlippedBy.Any()), "claim")} flipped by one or more; " +
                               (owed == 0 ? "every alternative judged." : $"[yellow]{Words.Count(owed, "claim")} still owed a judgement under some alternative or interaction[/] (research robustness --profile {Words.Profile(p)} measures them)."));
        JsonOutput.Write(json, new
            {
                profile = Words.Profile(p), variant = "as_written", source = "experiments.yaml (recorded, nothing trained)",
                claims = shown.Select(c => new
                {
                    claim = c.Claim.Id, section = c.Claim.Section, source = Word(c.Claim.Source), recorded = c.Default is { } d ? Word(d) : "pending",
                    judged = c.Judged, holds = c.Holding,
                    under = c.Under.Select(u => new { alternative = u.Alternative, state = State(u.State) }),
                    together = c.Together.Select(u => new { interaction = u.Interaction, state = State(u.State) }),
                }),
            });
        return 0;
    }

    static string Word(ClaimSource s) => s.ToString().ToLowerInvariant();

    /// <summary>A recorded state in the JSON's snake_case, as experiments.yaml spells it: "kept", "flipped", "varies_by_cpu", …</summary>
    static string State(RecordedState s) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString());

    /// <summary>Every declared choice and alternative: what it sets and where it is judged.</summary>
    static Table ChoiceTable(ResearchSpec spec)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Choices made where the report is silent").AddColumns("choice", "alternative", "sets", "judged on");
        foreach (var c in spec.Choices.Values)
        {
            table.AddRow($"[bold]{Markup.Escape(c.Id)}[/]", "[grey](default)[/]", Markup.Escape(c.Default), "");
            foreach (var a in c.Alternatives.Values)
                table.AddRow("", Markup.Escape(a.Id),
                    Markup.Escape(a.About) + (a.Unavailable is { } why ? $"\n[grey]unavailable: {Markup.Escape(why)}[/]" : "") +
                    string.Concat(a.Set.Select(s => $"\n[grey]--set {Markup.Escape(s)}[/]")),
                    a.Unavailable is not null ? "[grey]–[/]" : a.Ci ? "ci, full" : "full");
        }
        foreach (var i in spec.Interactions.Values)
            table.AddRow("[bold]together[/]", Markup.Escape(i.Id),
                Markup.Escape(InteractionOutcome.NameOf(i.Members(spec))) + $"\n{Markup.Escape(i.About)}", i.Ci ? "ci, full" : "full");
        return table;
    }

    static Table AlternativeTable(RobustnessResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Alternatives").AddColumns("choice: alternative", "claims judged", "flips", "as recorded");
        foreach (var a in result.Alternatives)
            AddRow(table, result, Markup.Escape(a.Name), "[grey]none: already the variant's setting[/]", a.Alternative, a.Claims,
                RobustnessResult.Flipped(a, result.Defaults), result.AsRecorded(a));
        foreach (var i in result.Interactions)
            AddRow(table, result, "[bold]together:[/] " + Markup.Escape(i.Name), "[grey]none: its alternatives meet in no claim[/]", i.Interaction, i.Claims,
                RobustnessResult.Flipped(i, result.Defaults), result.AsRecorded(i), result.OnlyTogether(i));
        return table;
    }

    /// <summary>
    /// An alternative's or interaction's row: the claims judged, the verdicts it flips, and whether they are the recorded
    /// ones. For an interaction, <paramref name="onlyTogether"/> marks the flips none of its alternatives makes alone.
    /// </summary>
    static void AddRow(Table table, RobustnessResult result, string name, string noClaims, JudgedSetting setting,
        IReadOnlyList<ClaimResult> claims, IReadOnlyList<string> flips, bool? asRecorded, IReadOnlyList<string>? onlyTogether = null) =>
        table.AddRow(
            name,
            claims.Count == 0 ? noClaims : claims.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            flips.Count == 0 ? "–" : string.Join("\n", flips.Select(id => $"{Markup.Escape(id)} ({Word(result.Defaults.First(d => d.Claim.Id == id).Verdict)} → {Word(claims.First(c => c.Claim.Id == id).Verdict)})" +
                (onlyTogether?.Contains(id) == true ? " [bold]only together[/]" : ""))),
            asRecorded switch
            {
                null => "[grey]not recorded[/]",
                true => result.Unsettled(setting, claims) is { Count: > 0 } unsettled
                    ? $"[green]yes[/] [grey](CPU-dependent: {Markup.Escape(string.Join(", ", unsettled))})[/]"
                    : "[green]yes[/]",
                false => $"[red]no: records {Markup.Escape(setting.RecordedFlips(result.Profile) is { Count: > 0 } recorded ? string.Join(", ", recorded) : "none")}[/]",
            } + (setting.PendingOn(result.Profile) is { Count: > 0 } pending
                ? $"\n[yellow]not yet judged in {Markup.Escape(string.Join(", ", pending))}[/]" : ""));

    static Table ClaimRobustnessTable(IReadOnlyList<ClaimRobustness> claims, Variant variant)
    {
        var together = claims.Any(c => c.Together.Count > 0);
        var table = new Table().Border(TableBorder.Rounded).Title($"Claims ({variant.Words()})").AddColumns("§", "claim", "verdict", "holds under", "flipped by");
        if (together) table.AddColumn("changed together");
        foreach (var c in claims)
        {
            var cells = new List<string>
            {
                c.Default.Claim.Section, Markup.Escape(c.Default.Claim.Id), ClaimTable.Colored(c.Default.Verdict),
                $"{c.Holding} of {c.Judged}",
                c.Flips.Any() ? string.Join("\n", c.Flips.Select(f => $"{Markup.Escape(f.Alternative.Name)} ({Word(f.Result.Verdict)})")) : "–",
            };
            if (together)
                cells.Add(c.Together.Count == 0 ? "–" : string.Join("\n", c.Together.Select(t => $"{Markup.Escape(t.Interaction.Name)}: {Word(t.Result.Verdict)}")));
            table.AddRow(cells.ToArray());
        }
        return table;
    }
}
