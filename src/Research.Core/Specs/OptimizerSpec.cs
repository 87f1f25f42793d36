namespace Research.Specs;

/// <summary>
/// Optimizer and its hyper-parameters. Weight decay is the L2 term added to the gradient, as in
/// PyTorch's Adam and SGD (not AdamW's decoupled decay): the report used torch.optim.Adam.
/// </summary>
public sealed record OptimizerSpec
{
    public required OptimizerKind Kind { get; init; }
    [SpecRange(Min = 0, MinExclusive = true)] public required double Lr { get; init; }
    [SpecRange(Min = 0)] public double WeightDecay { get; init; }
    [SpecRange(Min = 0, Max = 1)] public double Momentum { get; init; }
    [SpecRange(Min = 0, Max = 1)] public double Beta1 { get; init; } = 0.9;
    [SpecRange(Min = 0, Max = 1)] public double Beta2 { get; init; } = 0.999;
    [SpecRange(Min = 0, MinExclusive = true)] public double Eps { get; init; } = 1e-8;

    /// <summary>In the invariant culture, like everything the spec says: adam(lr=0.001, wd=0.0001).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Kind.ToString().ToLowerInvariant()}(lr={Lr:G4}{(WeightDecay > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", wd={WeightDecay:G3}") : "")}{(Momentum > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", momentum={Momentum:G3}") : "")})");
}
