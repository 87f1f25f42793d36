using System.Text.Json.Serialization;

namespace Research.Specs;

/// <summary>
/// Analyses computed after training from the cached runs (their weights and logs). They never change a
/// run's numbers, so they stay out of the run key; their own results are cached separately.
/// </summary>
public sealed record AnalysisSpec
{
    /// <summary>§2.1: PCA of the weight trajectories.</summary>
    public PcaSpec? Pca { get; init; }
    /// <summary>§3.3.1: loss along the line through two trained models.</summary>
    public InterpolationSpec? Interpolation { get; init; }
    /// <summary>§3.3.2: the sensitivity of each trained model (input Jacobian, or the code's parameter-gradient norm).</summary>
    public SensitivitySpec? Sensitivity { get; init; }
}

/// <summary>
/// PCA fitted jointly to every weight snapshot of every run (centred on their mean), for the whole
/// model and for a leading slice of the flattened parameters (a layer).
/// </summary>
public sealed record PcaSpec
{
    [SpecRange(Min = 1, Max = 10)] public int Components { get; init; } = 2;
    /// <summary>The slice's name in figures, e.g. "layer 1".</summary>
    public string Layer { get; init; } = "layer 1";
    /// <summary>The slice: the first N entries of the flattened parameters (weights then biases, layer by layer).</summary>
    [SpecRange(Min = 1)] public required int LayerParameters { get; init; }
}

/// <summary>θ(α) = (1−α)·θ_from + α·θ_to for each pair, evaluated on the train and test sets as it is, or after a pair's <see cref="ModelPairSpec.Retrain"/>.</summary>
public sealed record InterpolationSpec
{
    public required IReadOnlyList<ModelPairSpec> Pairs { get; init; }
    /// <summary>The α grid: <c>count</c> evenly spaced values from <c>from</c> to <c>to</c> (α = 0 and 1 are always added).</summary>
    [SpecRange(Min = -100)] public double From { get; init; } = -2;
    [SpecRange(Min = -100)] public double To { get; init; } = 2;
    [SpecRange(Min = 2, Max = 1001)] public int Count { get; init; } = 31;
    /// <summary>Sharpness of an end = rise of the training loss this far beyond it along the line (α units).</summary>
    [SpecRange(Min = 0, MinExclusive = true)] public double SharpnessStep { get; init; } = 0.25;
}

public sealed record ModelPairSpec
{
    /// <summary>The model at α = 0.</summary>
    public required string From { get; init; }
    /// <summary>The model at α = 1.</summary>
    public required string To { get; init; }
    /// <summary>Train every θ(α) this much before measuring it (§3.3.1's code); null: measure θ(α) as it is.</summary>
    public RetrainSpec? Retrain { get; init; }
}

/// <summary>
/// Training of an interpolated model before it is measured, as §3.3.1's code did ("trained once"): the measured
/// train loss and accuracy are then the last epoch's running means, the test metrics those after it.
/// </summary>
public sealed record RetrainSpec
{
    [SpecRange(Min = 1, Max = 100)] public int Epochs { get; init; } = 1;
    public required BatchSize BatchSize { get; init; }
    public required OptimizerSpec Optimizer { get; init; }
    /// <summary>true: every α shuffles from the run's seed (the code's manual_seed per α); false: each α its own order.</summary>
    public bool Reseed { get; init; }
}

/// <summary>
/// Sensitivity, by <see cref="Of"/>: ‖∂softmax(f(x))/∂x‖_F averaged over the test set (input_jacobian), or the run's
/// recorded per-step gradient norm averaged over all its steps (parameter_gradient; needs record.gradient_norm), or
/// ‖∂L/∂x‖ per test sample averaged (loss_input_gradient).
/// </summary>
public sealed record SensitivitySpec
{
    public SensitivityKind Of { get; init; } = SensitivityKind.InputJacobian;

    /// <summary>Samples per batched Jacobian (one backward pass per output class per batch).</summary>
    [SpecRange(Min = 1)] public int Batch { get; init; } = 1000;

    /// <summary>The quantity as a figure's axis writes it.</summary>
    [JsonIgnore] public string Symbol => Of switch
    {
        SensitivityKind.InputJacobian => "‖∂softmax/∂x‖_F",
        SensitivityKind.LossInputGradient => "‖∂L/∂x‖",
        _ => "mean ‖∂L/∂θ‖ over steps",
    };
}
