namespace Research.Specs;

/// <summary>
/// The report's "near-zero loss that no longer decreases", made precise: a run has converged at the
/// first epoch that ends a streak of <see cref="Patience"/> consecutive epochs whose training loss is
/// below <see cref="LossBelow"/>. Training stops there (early stop). The report's own code adds two
/// conditions (HW1/HW1_SimFunc1.ipynb, cell 2): only after epoch 5, and only once the loss has stopped
/// moving, its last two changes both below 1e-5 (<see cref="AfterEpoch"/>, <see cref="FlatFor"/>,
/// <see cref="FlatBelow"/>). Unset, they are left out of the run key, so existing runs keep theirs.
/// </summary>
public sealed record ConvergenceSpec
{
    [SpecRange(Min = 0, MinExclusive = true)] public required double LossBelow { get; init; }
    [SpecRange(Min = 1)] public int Patience { get; init; } = 1;
    /// <summary>Converged only at an epoch after this one (the report's code: epoch &gt; 5).</summary>
    [SpecRange(Min = 0)] public int? AfterEpoch { get; init; }
    /// <summary>Converged only when each of the last this many changes of the training loss is below <see cref="FlatBelow"/> in size.</summary>
    [SpecRange(Min = 1)] public int? FlatFor { get; init; }
    [SpecRange(Min = 0, MinExclusive = true)] public double? FlatBelow { get; init; }

    /// <summary>Whether the rule's extra conditions hold at <paramref name="epoch"/>, given every training loss so far (the last is this epoch's).</summary>
    public bool Settled(int epoch, IReadOnlyList<double> losses)
    {
        if (AfterEpoch is { } after && epoch <= after) return false;
        if (FlatFor is not { } steps) return true;
        if (losses.Count < steps + 1) return false;
        for (int i = losses.Count - steps; i < losses.Count; i++)
            if (!(Math.Abs(losses[i] - losses[i - 1]) < (FlatBelow ?? 0))) return false;
        return true;
    }
}
