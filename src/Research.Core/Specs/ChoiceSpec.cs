namespace Research.Specs;

/// <summary>
/// A choice made where the report is silent (issue 15), declared once under <c>choices</c>: the question, the
/// default the experiments use and why, and the alternatives a verdict is judged under, one at a time
/// (a specification curve). Each alternative is a list of <c>--set</c> assignments, so any one of them can
/// be run by hand: <c>research claims --set "experiments.fit-sinc.convergence={ loss_below: 1.0e-3 }"</c>.
/// </summary>
public sealed record ChoiceSpec
{
    [FromKey] public string Id { get; init; } = "";
    /// <summary>What the report leaves open, in a sentence.</summary>
    public required string Question { get; init; }
    /// <summary>What the experiments do by default (as written), in words.</summary>
    public required string Default { get; init; }
    /// <summary>Why the default is the default.</summary>
    public required string Reason { get; init; }
    public required IReadOnlyDictionary<string, AlternativeSpec> Alternatives { get; init; }
}

/// <summary>
/// What experiments.yaml records of a point of the specification curve that is judged (an alternative, or a declared
/// pair of alternatives changed together): where it is judged, the claims it was measured to flip, and why.
/// </summary>
public abstract record JudgedSetting
{
    [FromKey] public string Id { get; init; } = "";
    /// <summary>What it does, in words.</summary>
    public required string About { get; init; }
    /// <summary>Whether the ci profile judges it too (the test suite's robustness check); full judges every one.</summary>
    public bool Ci { get; init; }
    /// <summary>Measured on the full profile, as written: the claims whose verdict it changes. Null until measured.</summary>
    public IReadOnlyList<string>? Flips { get; init; }
    /// <summary>Measured on the ci profile, as written (when <see cref="Ci"/>): the claims whose verdict it changes.</summary>
    public IReadOnlyList<string>? FlipsCi { get; init; }
    /// <summary>
    /// Claims whose ci verdict under it depends on the CPU: measured as a tie (the two sides within the values'
    /// cross-CPU spread), so one machine's kernels flip it and another's do not. They are reported, and left out
    /// when measured flips are compared with <see cref="FlipsCi"/>; the evidence gives the numbers.
    /// </summary>
    public IReadOnlyList<string> VariesByCpuCi { get; init; } = [];
    /// <summary>As <see cref="VariesByCpuCi"/>, on the full profile.</summary>
    public IReadOnlyList<string> VariesByCpu { get; init; } = [];
    /// <summary>
    /// Experiments whose claims it has not yet been judged on, on the full profile: <see cref="Flips"/> records what it
    /// flips in the others. A setting that spans experiments of very different cost (batch 64 for §1.2 in half an
    /// hour, for §3.1's 1,000 epochs in five hours) is settled experiment by experiment, and each part is recorded as
    /// it is measured.
    /// </summary>
    public IReadOnlyList<string> PendingIn { get; init; } = [];
    /// <summary>The measured numbers behind <see cref="Flips"/> and <see cref="FlipsCi"/>.</summary>
    public string? Evidence { get; init; }

    /// <summary>The experiments not yet judged under it on a profile (<see cref="PendingIn"/>; none on ci).</summary>
    public IReadOnlyList<string> PendingOn(Profile profile) => profile == Profile.Full ? PendingIn : [];

    /// <summary>The recorded flips on a profile; null while not measured.</summary>
    public IReadOnlyList<string>? RecordedFlips(Profile profile) => profile == Profile.Ci ? FlipsCi : Flips;

    /// <summary>The claims whose flip on a profile depends on the CPU (see <see cref="VariesByCpuCi"/>).</summary>
    public IReadOnlyList<string> VariesByCpuOn(Profile profile) => profile == Profile.Ci ? VariesByCpuCi : VariesByCpu;

    /// <summary>The claims a flip check leaves out: those recorded as varying by CPU under this setting, and those whose default the CPU decided here.</summary>
    public IReadOnlyList<string> Unsettled(Profile profile, IEnumerable<string>? decidedByCpu) =>
        VariesByCpuOn(profile).Concat(decidedByCpu ?? []).Distinct().ToList();

    /// <summary>Whether the measured flips are the recorded ones, leaving out the claims recorded as varying by CPU; null while nothing is recorded.</summary>
    /// <param name="profile">The profile the flips were measured on.</param>
    /// <param name="measured">The claims measured to flip.</param>
    /// <param name="among">The claims judged (e.g. <c>research robustness -c 1.2</c>): recorded flips of other claims are not missing; null: all.</param>
    /// <param name="decidedByCpu">Claims whose default verdict on this machine is the other CPUs' (<see cref="Research.Claims.ClaimResult.DecidedByCpu"/>):
    /// their recorded flips were measured against the other default, so they are left out too.</param>
    public bool? FlipsAsRecorded(Profile profile, IEnumerable<string> measured, IReadOnlySet<string>? among = null, IEnumerable<string>? decidedByCpu = null)
    {
        if (RecordedFlips(profile) is not { } recorded) return null;
        var unsettled = Unsettled(profile, decidedByCpu).ToHashSet();
        return measured.Where(c => !unsettled.Contains(c)).Order(StringComparer.Ordinal)
            .SequenceEqual(recorded.Where(c => !unsettled.Contains(c) && (among is null || among.Contains(c))).Order(StringComparer.Ordinal));
    }
}

/// <summary>One alternative to a <see cref="ChoiceSpec"/>'s default.</summary>
public sealed record AlternativeSpec : JudgedSetting
{
    /// <summary>
    /// The alternative as <c>--set</c> assignments, each a full path from the top of experiments.yaml
    /// (<c>experiments.ID.…=value</c> or <c>claims.ID.…=value</c>); values are YAML.
    /// </summary>
    public IReadOnlyList<string> Set { get; init; } = [];
    /// <summary>Why the alternative cannot be judged yet (what the harness lacks); it is listed, not run.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Whether the profile judges this alternative.</summary>
    public bool JudgedOn(Profile profile) => Unavailable is null && (profile == Profile.Full || Ci);
}

/// <summary>
/// Alternatives of two or more choices changed together (under <c>interactions</c>): the one-at-a-time curve cannot
/// see a verdict that rests on a pair of choices, each of which alone leaves it in place. It is judged on the claims
/// every one of its alternatives changes (where the choices meet), and shown beside the curve, not counted in its k of n.
/// </summary>
public sealed record InteractionSpec : JudgedSetting
{
    /// <summary>The alternatives changed together: choice id → alternative id (two or more choices).</summary>
    public required IReadOnlyDictionary<string, string> Of { get; init; }

    /// <summary>Its alternatives, resolved in <paramref name="spec"/> (checked when the spec is loaded).</summary>
    public IReadOnlyList<(ChoiceSpec Choice, AlternativeSpec Alternative)> Members(ResearchSpec spec) =>
        Of.Select(o => (spec.Choices[o.Key], spec.Choices[o.Key].Alternatives[o.Value])).ToList();

    /// <summary>Every assignment of its alternatives, in the order they are listed.</summary>
    public IReadOnlyList<string> Set(ResearchSpec spec) => Members(spec).SelectMany(m => m.Alternative.Set).ToList();

    /// <summary>Whether the profile judges it.</summary>
    public bool JudgedOn(Profile profile) => profile == Profile.Full || Ci;
}
