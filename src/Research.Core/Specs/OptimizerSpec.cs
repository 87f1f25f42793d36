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

    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()}(lr={Lr:G4}{(WeightDecay > 0 ? $", wd={WeightDecay:G3}" : "")}{(Momentum > 0 ? $", momentum={Momentum:G3}" : "")})";
}
