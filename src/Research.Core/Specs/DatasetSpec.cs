namespace Research.Specs;

/// <summary>A data set an experiment trains on: a sampled target function or MNIST.</summary>
public sealed record DatasetSpec
{
    [FromKey] public string Id { get; init; } = "";
    public required DatasetKind Kind { get; init; }
    public string? Description { get; init; }

    // kind: function
    public TargetFunction? Function { get; init; }
    /// <summary>[low, high]: evenly spaced points, both ends included.</summary>
    public IReadOnlyList<double>? Domain { get; init; }
    [SpecRange(Min = 2)] public int Points { get; init; }

    // kind: mnist
    public LabelKind Labels { get; init; } = LabelKind.True;
    /// <summary>Seed of the random labels (permutation or uniform draw); fixed, so all runs see the same labels.</summary>
    public int LabelSeed { get; init; } = 2017;
}
