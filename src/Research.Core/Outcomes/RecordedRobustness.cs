using Research.Claims;
using Research.Specs;
using Research.Specs.Loading;

namespace Research.Outcomes;

/// <summary>What experiments.yaml records of a claim under one alternative, without training anything.</summary>
public enum RecordedState
{
    /// <summary>The alternative keeps the claim's recorded verdict.</summary>
    Kept,
    /// <summary>The alternative flips it (<see cref="JudgedSetting.Flips"/>).</summary>
    Flipped,
    /// <summary>The alternative's flips are not measured on this profile yet.</summary>
    Unrecorded,
    /// <summary>The alternative is judged elsewhere, not yet in this claim's experiment (<see cref="JudgedSetting.PendingIn"/>).</summary>
    Pending,
    /// <summary>Its flip depends on the CPU (<see cref="JudgedSetting.VariesByCpu"/>).</summary>
    VariesByCpu,
}

/// <summary>A claim's recorded verdict and what experiments.yaml records of it under each alternative (and interaction) that changes its inputs.</summary>
public sealed record RecordedClaimRobustness(ClaimSpec Claim, Verdict? Default, IReadOnlyList<(string Alternative, RecordedState State)> Under)
{
    /// <summary>The alternatives whose effect on the claim is recorded (kept or flipped): n.</summary>
    public int Judged => Under.Count(u => u.State is RecordedState.Kept or RecordedState.Flipped);

    /// <summary>Of those, under how many the claim holds (k); null when its default verdict is neither holds nor deviates, so a flip's direction is not recorded.</summary>
    public int? Holding => Default switch
    {
        Verdict.Holds => Under.Count(u => u.State == RecordedState.Kept),
        Verdict.Deviates => Under.Count(u => u.State == RecordedState.Flipped),
        _ => null,
    };

    public IEnumerable<string> FlippedBy => Under.Where(u => u.State == RecordedState.Flipped).Select(u => u.Alternative);

    /// <summary>Alternatives whose flip of this claim is recorded as depending on the CPU; counted in neither k nor n.</summary>
    public IEnumerable<string> VariesByCpu => Under.Where(u => u.State == RecordedState.VariesByCpu).Select(u => u.Alternative);

    /// <summary>What experiments.yaml records of the claim under each declared interaction whose alternatives all change it (not counted in k or n).</summary>
    public IReadOnlyList<(string Interaction, RecordedState State)> Together { get; init; } = [];

    /// <summary>The interactions recorded as flipping the claim.</summary>
    public IEnumerable<string> FlippedTogether => Together.Where(u => u.State == RecordedState.Flipped).Select(u => u.Interaction);

    /// <summary>Alternatives and interactions not yet judged for this claim on the profile (unrecorded, or pending in its experiment).</summary>
    public IEnumerable<string> Owed => Under.Concat(Together).Where(u => u.State is RecordedState.Unrecorded or RecordedState.Pending).Select(u => u.Item1);
}

/// <summary>
/// The specification curve as experiments.yaml records it (issue 15): for every claim, the recorded verdict (as
/// written) and, under every alternative that changes its experiment or spec (and every declared interaction whose
/// choices meet in it), whether the recorded flips include it. Nothing is trained, so it answers in seconds what <see cref="Robustness.Judge"/> measures in
/// hours, from the measurements the records carry; it is what a reader of the committed records can rely on.
/// </summary>
public static class RecordedRobustness
{
    public static IReadOnlyList<RecordedClaimRobustness> Of(
        ResearchSpec spec, Profile profile, IEnumerable<(ChoiceSpec Choice, AlternativeSpec Alternative)> alternatives, IEnumerable<ClaimSpec> claims,
        IEnumerable<InteractionSpec>? interactions = null)
    {
        var changed = alternatives.Select(a => (Name: AlternativeOutcome.NameOf(a.Choice, a.Alternative), Setting: (JudgedSetting)a.Alternative,
            Claims: Robustness.Changed(spec, SpecLoader.LoadWith(spec, a.Alternative.Set), profile, Variant.AsWritten).ToHashSet())).ToList();
        var together = (interactions ?? []).Select(i =>
            (Name: InteractionOutcome.NameOf(i.Members(spec)), Setting: (JudgedSetting)i, Claims: Robustness.Meet(spec, i, profile, Variant.AsWritten))).ToList();
        return claims.Select(claim => new RecordedClaimRobustness(claim, claim.Expected(profile),
            changed.Where(a => a.Claims.Contains(claim.Id)).Select(a => (a.Name, StateOf(a.Setting, claim, profile))).ToList())
        {
            Together = together.Where(t => t.Claims.Contains(claim.Id)).Select(t => (t.Name, StateOf(t.Setting, claim, profile))).ToList(),
        }).ToList();
    }

    static RecordedState StateOf(JudgedSetting a, ClaimSpec claim, Profile profile) =>
        a.PendingOn(profile).Contains(claim.Experiment) ? RecordedState.Pending
        : a.RecordedFlips(profile) is not { } flips ? RecordedState.Unrecorded
        : a.VariesByCpuOn(profile).Contains(claim.Id) ? RecordedState.VariesByCpu
        : flips.Contains(claim.Id) ? RecordedState.Flipped
        : RecordedState.Kept;
}
