using Research.Claims;
using Research.Outcomes;
using Research.Reporting.Document;
using Research.Specs;
using static Research.Reporting.ReportFormat;

namespace Research.Reporting.Sections;

/// <summary>
/// The choices made where the report is silent (issue 15), each with its default, the reason for it and its
/// alternatives; per alternative, the claims it was judged on and the verdicts it flips (a specification curve);
/// then the declared interactions (alternatives of several choices changed together), judged where they meet.
/// </summary>
internal static class RobustnessSection
{
    public const string Anchor = "robustness";

    public static void Write(ReportData data, List<Block> blocks)
    {
        if (data.Spec.Choices.Count == 0) return;
        blocks.Add(new Heading(2, "Robustness: the choices made where the report is silent", Anchor));
        var intro = new Line()
            .Text("Where neither the report's text nor its code decides a setting, experiments.yaml declares the choice (").Code("choices")
            .Text(") with its default and alternatives. Each claim is judged again under every alternative that changes its experiment or its spec, ")
            .Text("one choice changed at a time from the as-written settings; under each claim, ").Italic("Robustness").Text(" says under how many it holds. ")
            .Text("Any alternative can be run by hand with ").Code("research claims --set …").Text(" (its assignments, below), all of them with ")
            .Code($"research robustness --profile {Profile(data.Profile)}").Text(". ");
        intro.Text(data.Robustness is null
            ? "They were not judged in this invocation (it was asked not to)."
            : data.Profile == Specs.Profile.Ci
                ? "The ci profile judges the alternatives marked ci (the cheap ones); the full profile judges all."
                : "The full profile judges every available alternative.");
        blocks.Add(new Paragraph(intro));
        foreach (var choice in data.Spec.Choices.Values)
        {
            blocks.Add(new Paragraph(new Line().Bold($"{choice.Id}. ").Text(choice.Question).Break()
                .Italic("Default: ").Text(choice.Default + ". ").Italic("Why: ").Text(choice.Reason)));
            blocks.Add(new BulletList(choice.Alternatives.Values.Select(a => Alternative(data, choice, a)).ToList()));
        }
        if (data.Spec.Interactions.Count == 0) return;
        blocks.Add(new Paragraph(new Line().Bold("Choices changed together. ")
            .Text("The curve changes one choice at a time, so it cannot see a verdict that rests on two of them, each of which alone leaves it in place. ")
            .Text("experiments.yaml declares such pairs (").Code("interactions").Text("); each is judged on the claims all of its alternatives change, ")
            .Text("and is shown beside the curve, not counted in a claim's k of n.")));
        blocks.Add(new BulletList(data.Spec.Interactions.Values.Select(i => Interaction(data, i)).ToList()));
    }

    static Line Interaction(ReportData data, InteractionSpec i)
    {
        var line = new Line().Bold(InteractionOutcome.NameOf(i.Members(data.Spec))).Text(": " + i.About + ". ");
        var outcome = data.Robustness?.Interactions.FirstOrDefault(o => o.Interaction.Id == i.Id);
        if (outcome is null)
            return line.Italic(data.Robustness is null || data.Profile == Specs.Profile.Full ? "Not judged in this invocation." : "Judged on the full profile only.");
        if (outcome.Claims.Count == 0) return line.Text("Its alternatives meet in no claim as written.");
        var flips = RobustnessResult.Flipped(outcome, data.Robustness!.Defaults);
        Judged(line, data, i, outcome.Claims, flips, data.Robustness.AsRecorded(outcome));
        if (flips.Count > 0 && data.Robustness.OnlyTogether(outcome) is { } only)
            line.Text(only.Count == 0
                ? " Each of these flips is one that one of its alternatives makes alone."
                : $" Only together (none of its alternatives alone takes the claim to that verdict): {string.Join(", ", only)}.");
        return line;
    }

    /// <summary>
    /// The rest of an alternative's or interaction's sentence once judged: on how many claims, which verdicts it flips
    /// (each linked to its claim), the ties and experiments experiments.yaml leaves out, and whether the flips are the recorded ones.
    /// </summary>
    static Line Judged(Line line, ReportData data, JudgedSetting setting, IReadOnlyList<ClaimResult> under, IReadOnlyList<string> flips, bool? asRecorded)
    {
        line.Text($"Judged on {Count(under.Count)} claim{(under.Count == 1 ? "" : "s")}; ");
        Flips(line, data, flips, under);
        if ((data.Robustness?.Unsettled(setting, under) ?? setting.VariesByCpuOn(data.Profile)) is { Count: > 0 } unsettled)
            line.Text($" ({string.Join(", ", unsettled)}: a verdict whose side depends on the CPU, left out of the check)");
        if (setting.PendingOn(data.Profile) is { Count: > 0 } pending)
            line.Text($" (experiments.yaml records it as not yet judged in {string.Join(", ", pending)}: what it flips there is this reproduction's finding alone)");
        return asRecorded switch
        {
            null => line.Text(" (not yet recorded in experiments.yaml)."),
            true => line.Text(", as experiments.yaml records."),
            false => line.Text($"; {Warning} experiments.yaml records {(setting.RecordedFlips(data.Profile) is { Count: > 0 } recorded ? string.Join(", ", recorded) : "none")}."),
        };
    }

    /// <summary>"it flips none" or "it flips A (holds → deviates), B (…)", each linked to its claim.</summary>
    static void Flips(Line line, ReportData data, IReadOnlyList<string> flips, IReadOnlyList<ClaimResult> under)
    {
        if (flips.Count == 0) { line.Text("it flips none"); return; }
        line.Text("it flips ");
        for (int i = 0; i < flips.Count; i++)
        {
            if (i > 0) line.Text(", ");
            var before = data.Robustness!.Defaults.First(d => d.Claim.Id == flips[i]).Verdict;
            var after = under.First(c => c.Claim.Id == flips[i]).Verdict;
            line.Link(flips[i], "#" + ClaimAnchor(flips[i])).Text($" ({Word(before)} → {Word(after)})");
        }
    }

    static Line Alternative(ReportData data, ChoiceSpec choice, AlternativeSpec a)
    {
        var line = new Line().Bold(a.Id).Text(": " + a.About + ". ");
        if (a.Unavailable is { } why) return line.Italic("Not judged: ").Text(why + ".");
        line.Text("Sets ");
        for (int i = 0; i < a.Set.Count; i++) (i > 0 ? line.Text(", ") : line).Code(a.Set[i]);
        line.Text(". ");
        var outcome = data.Robustness?.Alternatives.FirstOrDefault(o => o.Choice.Id == choice.Id && o.Alternative.Id == a.Id);
        if (outcome is null)
            return line.Italic(data.Robustness is null || data.Profile == Specs.Profile.Full ? "Not judged in this invocation." : "Judged on the full profile only.");
        if (outcome.Claims.Count == 0) return line.Text("It changes nothing as written (it is already the setting).");
        return Judged(line, data, a, outcome.Claims, RobustnessResult.Flipped(outcome, data.Robustness!.Defaults), data.Robustness.AsRecorded(outcome));
    }

    /// <summary>
    /// Under a claim: "holds under k of n alternatives", which flip the verdict and which keep it; null when no judged
    /// alternative changes the claim's experiment or spec.
    /// </summary>
    public static Line? OfClaim(ReportData data, ClaimResult r)
    {
        if (data.Robustness?.Of(r.Claim.Id) is not { Judged: > 0 } c) return null;
        var line = new Line().Bold("Robustness: ").Text($"holds under {c.Holding} of {c.Judged} alternative{(c.Judged == 1 ? "" : "s")} ")
            .Link("(choices)", "#" + Anchor).Text(". ");
        var flips = c.Flips.ToList();
        for (int i = 0; i < flips.Count; i++)
            (i == 0 ? line.Text("Flipped to ") : line.Text("; to "))
                .Text($"{Word(flips[i].Result.Verdict)} by ").Bold(flips[i].Alternative.Name).Text($" ({flips[i].Result.Message})");
        if (flips.Count > 0) line.Text(".");
        var kept = c.Under.Where(u => u.Result.Verdict == r.Verdict).Select(u => u.Alternative.Name).ToList();
        if (kept.Count > 0) line.Text($"{(flips.Count == 0 ? "Every one keeps" : " Kept")} the verdict ({Word(r.Verdict)}): {string.Join(", ", kept)}.");
        foreach (var (pair, result) in c.Together)
            line.Text(" Changed together, ").Bold(pair.Name).Text(result.Verdict == r.Verdict
                ? $" keeps it ({result.Message})."
                : $" flips it to {Word(result.Verdict)}{(data.Robustness.OnlyTogether(pair)?.Contains(r.Claim.Id) == true ? ", which none of its alternatives does alone" : "")} ({result.Message}).");
        return line;
    }
}
