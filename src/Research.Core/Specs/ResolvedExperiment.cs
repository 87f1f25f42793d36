namespace Research.Specs;

/// <summary>
/// One experiment of experiments.yaml, resolved for every variant and profile. An experiment without a
/// <c>variants</c> block (a test spec, say) is its own three variants.
/// </summary>
public sealed class ResolvedExperiment(string id, IReadOnlyDictionary<(Variant, Profile), ExperimentSpec> specs, bool hasVariants)
{
    public string Id { get; } = id;

    /// <summary>Whether the experiment declares its three settings (<c>variants</c>); if not, all three are the experiment itself.</summary>
    public bool HasVariants { get; } = hasVariants;

    public ExperimentSpec this[Profile profile, Variant variant = Variant.AsWritten] => specs[(variant, profile)];

    /// <summary>
    /// The variants the experiment is run and judged under, in declaration order: those it declares and can run
    /// (not <c>unavailable</c>), or as written alone when it declares none (its three would be the same runs).
    /// </summary>
    public IEnumerable<Variant> Runnable => HasVariants
        ? Variants.All.Where(v => this[Profile.Full, v].Unavailable is null)
        : [Variant.AsWritten];
}
