using System.Text.Json;
using Research.Claims;
using Research.IO;
using Research.Runs;
using Research.Specs;
using Research.Specs.Loading;
using Research.Training;

namespace Research.Outcomes;

/// <summary>
/// One alternative of a choice, judged: the claims whose experiment or spec it changes, with their verdicts under
/// it. <see cref="Claims"/> is empty when the alternative changes nothing under this variant (it is already the variant's setting).
/// </summary>
public sealed record AlternativeOutcome(ChoiceSpec Choice, AlternativeSpec Alternative, IReadOnlyList<ClaimResult> Claims)
{
    /// <summary>"convergence-rule: first-below-1e-3".</summary>
    public string Name => NameOf(Choice, Alternative);

    /// <summary>How an alternative is named wherever it is listed: its choice, a colon, its id.</summary>
    public static string NameOf(ChoiceSpec choice, AlternativeSpec alternative) => $"{choice.Id}: {alternative.Id}";
}

/// <summary>
/// A declared interaction, judged: its alternatives changed together, on the claims every one of them changes.
/// <see cref="Claims"/> is empty when they do not meet in any claim under this variant.
/// </summary>
public sealed record InteractionOutcome(InteractionSpec Interaction, IReadOnlyList<(ChoiceSpec Choice, AlternativeSpec Alternative)> Members, IReadOnlyList<ClaimResult> Claims)
{
    /// <summary>"unstated-batch-size: batch-64 + training-metric-mode: eval-after-epoch".</summary>
    public string Name => NameOf(Members);

    /// <summary>How an interaction is named wherever it is listed: its alternatives' names joined by " + ".</summary>
    public static string NameOf(IEnumerable<(ChoiceSpec Choice, AlternativeSpec Alternative)> members) =>
        string.Join(" + ", members.Select(m => AlternativeOutcome.NameOf(m.Choice, m.Alternative)));
}

/// <summary>
/// A claim's verdict by default, under every alternative that changes its inputs (the curve: k of n), and under every
/// declared interaction that changes them (shown beside the curve, not counted in it).
/// </summary>
public sealed record ClaimRobustness(ClaimResult Default, IReadOnlyList<(AlternativeOutcome Alternative, ClaimResult Result)> Under)
{
    /// <summary>The claim's verdicts under the declared interactions whose alternatives all change it.</summary>
    public IReadOnlyList<(InteractionOutcome Interaction, ClaimResult Result)> Together { get; init; } = [];

    /// <summary>The interactions whose verdict differs from the default's.</summary>
    public IEnumerable<(InteractionOutcome Interaction, ClaimResult Result)> FlipsTogether => Together.Where(u => u.Result.Verdict != Default.Verdict);

    /// <summary>The number of alternatives the claim was judged under (n).</summary>
    public int Judged => Under.Count;

    /// <summary>Under how many of them it holds (k).</summary>
    public int Holding => Under.Count(u => u.Result.Verdict == Verdict.Holds);

    /// <summary>The alternatives whose verdict differs from the default's.</summary>
    public IEnumerable<(AlternativeOutcome Alternative, ClaimResult Result)> Flips => Under.Where(u => u.Result.Verdict != Default.Verdict);
}

/// <summary>Every judged alternative and interaction of a profile and variant, beside the default verdicts of the claims they change.</summary>
public sealed record RobustnessResult(Profile Profile, Variant Variant, IReadOnlyList<ClaimResult> Defaults, IReadOnlyList<AlternativeOutcome> Alternatives)
{
    /// <summary>The declared interactions judged (alternatives of several choices changed together).</summary>
    public IReadOnlyList<InteractionOutcome> Interactions { get; init; } = [];

    /// <summary>
    /// The claims asked for (<c>research robustness -c 1.2</c>); null: every claim. A recorded flip of a claim outside
    /// them is not missing; one of a claim inside them that no judged setting changes any more is.
    /// </summary>
    public IReadOnlySet<string>? Among { get; init; }

    /// <summary>Each claim's robustness, in the order of <see cref="Defaults"/>.</summary>
    public IReadOnlyList<ClaimRobustness> Claims => Defaults.Select(Robustness).ToList();

    /// <summary>One claim's robustness; null when no judged alternative or interaction changes it.</summary>
    public ClaimRobustness? Of(string claim) => Defaults.FirstOrDefault(d => d.Claim.Id == claim) is { } d ? Robustness(d) : null;

    ClaimRobustness Robustness(ClaimResult d) =>
        new(d, Alternatives.SelectMany(a => a.Claims.Where(c => c.Claim.Id == d.Claim.Id).Select(c => (a, c))).ToList())
        {
            Together = Interactions.SelectMany(i => i.Claims.Where(c => c.Claim.Id == d.Claim.Id).Select(c => (i, c))).ToList(),
        };

    /// <summary>The claims an alternative flips, measured.</summary>
    public static IReadOnlyList<string> Flipped(AlternativeOutcome a, IReadOnlyList<ClaimResult> defaults) => Flipped(a.Claims, defaults);

    /// <summary>The claims an interaction flips, measured.</summary>
    public static IReadOnlyList<string> Flipped(InteractionOutcome i, IReadOnlyList<ClaimResult> defaults) => Flipped(i.Claims, defaults);

    /// <summary>
    /// The claims an interaction flips that none of its alternatives, changed alone, takes to the same verdict: what
    /// only the pair does (a pair's flips are judged against the default, so they include its members' own). Null when
    /// a member alternative was not judged in this result (e.g. <c>research robustness --choice</c> left its choice out).
    /// </summary>
    public IReadOnlyList<string>? OnlyTogether(InteractionOutcome i)
    {
        var members = i.Members.Select(m => Alternatives.FirstOrDefault(a => a.Choice.Id == m.Choice.Id && a.Alternative.Id == m.Alternative.Id)).ToList();
        if (members.Any(a => a is null)) return null;
        var alone = members.SelectMany(a => a!.Claims.Select(c => (c.Claim.Id, c.Verdict))).ToHashSet();
        return Flipped(i, Defaults).Where(id => !alone.Contains((id, i.Claims.First(c => c.Claim.Id == id).Verdict))).ToList();
    }

    static List<string> Flipped(IReadOnlyList<ClaimResult> judged, IReadOnlyList<ClaimResult> defaults) =>
        judged.Where(c => defaults.FirstOrDefault(d => d.Claim.Id == c.Claim.Id)?.Verdict != c.Verdict).Select(c => c.Claim.Id).ToList();

    /// <summary>
    /// Whether an alternative flips the claims experiments.yaml records for it on this profile; null when nothing is
    /// recorded (not yet measured, or a variant other than as written, for which nothing is recorded).
    /// </summary>
    public bool? AsRecorded(AlternativeOutcome a) => AsRecorded(a.Alternative, a.Claims);

    /// <summary>As <see cref="AsRecorded(AlternativeOutcome)"/>, for an interaction.</summary>
    public bool? AsRecorded(InteractionOutcome i) => AsRecorded(i.Interaction, i.Claims);

    bool? AsRecorded(JudgedSetting setting, IReadOnlyList<ClaimResult> claims) =>
        Variant != Variant.AsWritten ? null : setting.FlipsAsRecorded(Profile, Flipped(Judged(setting, claims), Defaults), Among, DecidedByCpu);

    /// <summary>
    /// The claims whose default verdict here is the one experiments.yaml records for other CPUs (<see cref="ClaimResult.DecidedByCpu"/>):
    /// their recorded flips were measured against the other default, so the flip check leaves them out.
    /// </summary>
    public IReadOnlyList<string> DecidedByCpu => Defaults.Where(d => d.DecidedByCpu).Select(d => d.Claim.Id).ToList();

    /// <summary>The claims among <paramref name="claims"/> a setting's flip check leaves out (<see cref="JudgedSetting.Unsettled"/>).</summary>
    public IReadOnlyList<string> Unsettled(JudgedSetting setting, IReadOnlyList<ClaimResult> claims) =>
        setting.Unsettled(Profile, DecidedByCpu.Where(id => claims.Any(c => c.Claim.Id == id)));

    /// <summary>The alternative's claims outside the experiments experiments.yaml records as not yet judged under it (<see cref="JudgedSetting.PendingIn"/>).</summary>
    public AlternativeOutcome Judged(AlternativeOutcome a) => a with { Claims = Judged(a.Alternative, a.Claims) };

    /// <summary>As <see cref="Judged(AlternativeOutcome)"/>, for an interaction.</summary>
    public InteractionOutcome Judged(InteractionOutcome i) => i with { Claims = Judged(i.Interaction, i.Claims) };

    IReadOnlyList<ClaimResult> Judged(JudgedSetting setting, IReadOnlyList<ClaimResult> claims) =>
        setting.PendingOn(Profile) is { Count: > 0 } pending ? claims.Where(c => !pending.Contains(c.Claim.Experiment)).ToList() : claims;

    /// <summary>Alternatives and interactions (by name) whose measured flips differ from those experiments.yaml records.</summary>
    public IEnumerable<string> Unexpected =>
        Alternatives.Where(a => AsRecorded(a) == false).Select(a => a.Name).Concat(Interactions.Where(i => AsRecorded(i) == false).Select(i => i.Name));

    /// <summary>Alternatives and interactions (by name) judged as written whose flips experiments.yaml does not record yet.</summary>
    public IEnumerable<string> Unrecorded => Variant != Variant.AsWritten ? [] :
        Alternatives.Where(a => AsRecorded(a) is null).Select(a => a.Name).Concat(Interactions.Where(i => AsRecorded(i) is null).Select(i => i.Name));
}

/// <summary>
/// The specification curve (issue 15): every claim judged again under each declared alternative of each choice,
/// one choice changed at a time from the variant's own settings. Runs are shared through the cache: an
/// alternative trains only the runs it changes, and only once.
/// </summary>
public static class Robustness
{
    /// <summary>The alternatives a profile judges (ci: those marked <c>ci</c>; full: every available one), in file order.</summary>
    public static IEnumerable<(ChoiceSpec Choice, AlternativeSpec Alternative)> Declared(ResearchSpec spec, Profile profile) =>
        spec.Choices.Values.SelectMany(c => c.Alternatives.Values.Where(a => a.JudgedOn(profile)).Select(a => (c, a)));

    /// <summary>The interactions a profile judges (ci: those marked <c>ci</c>; full: every one), in file order.</summary>
    public static IEnumerable<InteractionSpec> DeclaredInteractions(ResearchSpec spec, Profile profile) =>
        spec.Interactions.Values.Where(i => i.JudgedOn(profile));

    /// <summary>
    /// Judges the claims some alternative changes (of <paramref name="claims"/>; null: of all) by default and under each
    /// alternative, loading <paramref name="reproduction"/>'s spec again with the alternative's assignments, and under each
    /// of <paramref name="interactions"/> (all its alternatives' assignments together) where its choices meet
    /// (<see cref="Meet"/>). Only the experiments of those claims are built (and trained where their runs are missing).
    /// </summary>
    public static RobustnessResult Judge(
        Reproduction reproduction, Profile profile, Variant variant,
        IEnumerable<(ChoiceSpec Choice, AlternativeSpec Alternative)> alternatives, IReadOnlyCollection<string>? claims = null,
        IRunObserver? observer = null, CancellationToken cancel = default, IEnumerable<InteractionSpec>? interactions = null)
    {
        var wanted = claims?.ToHashSet();
        var spec = reproduction.Spec;
        HashSet<string> ChangedBy(ResearchSpec other) => Changed(spec, other, profile, variant).Where(id => wanted?.Contains(id) ?? true).ToHashSet();

        var judged = new List<(ChoiceSpec Choice, AlternativeSpec Alternative, Reproduction Other, HashSet<string> Changed)>();
        foreach (var (choice, alternative) in alternatives)
        {
            var other = new Reproduction(reproduction.Engine.With(alternative.Set));
            judged.Add((choice, alternative, other, ChangedBy(other.Spec)));
        }
        var together = new List<(InteractionSpec Interaction, IReadOnlyList<(ChoiceSpec, AlternativeSpec)> Members, Reproduction Other, HashSet<string> Changed)>();
        foreach (var interaction in interactions ?? [])
        {
            var other = new Reproduction(reproduction.Engine.With(interaction.Set(spec)));
            var meet = Meet(spec, interaction, profile, variant, other.Spec);
            meet.RemoveWhere(id => !(wanted?.Contains(id) ?? true));
            together.Add((interaction, interaction.Members(spec), other, meet));
        }
        var defaults = spec.Claims.Keys.Where(id => judged.Any(j => j.Changed.Contains(id)) || together.Any(t => t.Changed.Contains(id)))
            .Select(id => reproduction.Claim(id, profile, variant, observer, cancel)).ToList();
        List<ClaimResult> Under(Reproduction other, HashSet<string> changed)
        {
            cancel.ThrowIfCancellationRequested();
            return other.Spec.Claims.Values.Where(c => changed.Contains(c.Id)).Select(c => other.Claim(c.Id, profile, variant, observer, cancel)).ToList();
        }
        var outcomes = judged.Select(j => new AlternativeOutcome(j.Choice, j.Alternative, Under(j.Other, j.Changed))).ToList();
        var pairs = together.Select(t => new InteractionOutcome(t.Interaction, t.Members, Under(t.Other, t.Changed))).ToList();
        return new RobustnessResult(profile, variant, defaults, outcomes) { Interactions = pairs, Among = wanted };
    }

    /// <summary>
    /// Where an interaction's choices meet: the claims it changes that every one of its alternatives changes alone too
    /// (<paramref name="together"/>: the spec loaded with all of its assignments, when already loaded).
    /// </summary>
    public static HashSet<string> Meet(ResearchSpec spec, InteractionSpec interaction, Profile profile, Variant variant, ResearchSpec? together = null)
    {
        var meet = Changed(spec, together ?? SpecLoader.LoadWith(spec, interaction.Set(spec)), profile, variant).ToHashSet();
        foreach (var (_, alternative) in interaction.Members(spec))
            meet.IntersectWith(Changed(spec, SpecLoader.LoadWith(spec, alternative.Set), profile, variant));
        return meet;
    }

    /// <summary>The claims whose inputs differ between two specs: every claim of an experiment whose settings differ, and every claim whose own spec differs.</summary>
    public static IEnumerable<string> Changed(ResearchSpec a, ResearchSpec b, Profile profile, Variant variant)
    {
        foreach (var claim in b.Claims.Values)
        {
            if (!a.Claims.TryGetValue(claim.Id, out var before)) continue;
            var resolved = b.Experiments[claim.Experiment];
            if (!resolved.Runnable.Contains(variant)) continue;
            if (Json(before) != Json(claim) ||
                Fingerprint(a.Experiment(claim.Experiment, profile, variant)) != Fingerprint(resolved[profile, variant]))
                yield return claim.Id;
        }
    }

    /// <summary>Everything of an experiment that can change a verdict: its settings, models and analyses (prose included, which alternatives do not touch).</summary>
    static string Fingerprint(ExperimentSpec e) => Json(new { e, analysis = e.Analysis });

    static string Json<T>(T value) => JsonSerializer.Serialize(value, IO.Json.Canonical);
}
