namespace Research.Specs;

/// <summary>What the report itself says a model achieved, printed beside the reproduced numbers.</summary>
public sealed record ReportedSpec
{
    /// <summary>False when the report says the model never converged within max_epochs.</summary>
    public bool? Converged { get; init; }
    [SpecRange(Min = 1)] public int? ConvergedEpoch { get; init; }
    [SpecRange(Min = 0)] public double? TrainLoss { get; init; }
    [SpecRange(Min = 0, Max = 1)] public double? TrainAccuracy { get; init; }
    [SpecRange(Min = 0)] public double? TestLoss { get; init; }
    [SpecRange(Min = 0, Max = 1)] public double? TestAccuracy { get; init; }
    [SpecRange(Min = 0)] public double? GradientNorm { get; init; }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Converged == false) parts.Add("not converged");
        if (ConvergedEpoch is { } e) parts.Add($"converged at epoch {e:N0}");
        if (TrainLoss is { } l) parts.Add($"train loss {l:G4}");
        if (TrainAccuracy is { } a) parts.Add($"train acc {a:P2}");
        if (TestLoss is { } tl) parts.Add($"test loss {tl:G4}");
        if (TestAccuracy is { } ta) parts.Add($"test acc {ta:P2}");
        if (GradientNorm is { } g) parts.Add($"grad norm {g:G4}");
        return string.Join(", ", parts);
    }
}
