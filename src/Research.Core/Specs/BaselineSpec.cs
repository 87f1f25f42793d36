namespace Research.Specs;

/// <summary>How baselines compare: numeric tolerances per metric, and the pixel threshold for figures.</summary>
public sealed record BaselineSpec
{
    /// <summary>Metric name (the last part of a snapshot key, or "series") → tolerance.</summary>
    public IReadOnlyDictionary<string, ToleranceSpec> Tolerances { get; init; } = new Dictionary<string, ToleranceSpec>();
    /// <summary>Used for metrics without an entry.</summary>
    public ToleranceSpec Default { get; init; } = new() { Relative = 1e-6 };
    /// <summary>
    /// Tolerances on another machine (another numerics fingerprint): the measured spread between CPUs and
    /// rounding settings, keyed <c>experiment/metric</c>, <c>experiment/*</c> or <c>metric</c> (first match
    /// wins), with "series" for plotted values; <c>profile:experiment/metric</c> and <c>profile:experiment/*</c>
    /// (e.g. <c>full:sensitivity-batch/*</c>) come first for that profile's snapshots. Figures are then checked through their series, not pixels.
    /// </summary>
    public IReadOnlyDictionary<string, ToleranceSpec> Portable { get; init; } = new Dictionary<string, ToleranceSpec>();
    /// <summary>Used on another machine for metrics without an entry in <see cref="Portable"/>.</summary>
    public ToleranceSpec PortableDefault { get; init; } = new() { Relative = 1e-3 };
    /// <summary>Largest fraction of pixels allowed to differ by more than <see cref="ChannelTolerance"/>.</summary>
    [SpecRange(Min = 0, Max = 1)] public double MaxPixelFraction { get; init; } = 0.005;
    [SpecRange(Min = 0, Max = 255)] public int ChannelTolerance { get; init; } = 24;
}

/// <summary>|actual − expected| ≤ absolute + relative·|expected|.</summary>
public sealed record ToleranceSpec
{
    [SpecRange(Min = 0)] public double Relative { get; init; }
    [SpecRange(Min = 0)] public double Absolute { get; init; }
    /// <summary>Not compared at all (on another machine): the value is chaotic there, as measured in <see cref="Reason"/>; the claims are its check.</summary>
    public bool Unpinned { get; init; }
    /// <summary>Why this size (seed spread, cross-machine noise).</summary>
    public string? Reason { get; init; }

    public bool Accepts(double expected, double actual) =>
        Unpinned || expected.Equals(actual) || Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);

    public override string ToString() => Unpinned ? "not pinned" :
        Relative > 0 && Absolute > 0 ? $"±{Absolute:G3} + {Relative:P2}" : Relative > 0 ? $"±{Relative:P2}" : $"±{Absolute:G3}";
}
