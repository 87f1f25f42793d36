using System.Text.Json.Serialization;

namespace Research.Specs;

/// <summary>One model of an experiment: its layers, its optimizer, and the parameter count the report gives.</summary>
public sealed record ModelSpec
{
    [FromKey] public string Id { get; init; } = "";
    /// <summary>How figures and messages name it, e.g. "Model 1 (7 hidden layers)".</summary>
    public required string Label { get; init; }
    /// <summary>The parameter count the report states; a test checks the built model against it.</summary>
    [SpecRange(Min = 1)] public int? Parameters { get; init; }
    public required IReadOnlyList<LayerSpec> Layers { get; init; }
    public required OptimizerSpec Optimizer { get; init; }
    /// <summary>Overrides the experiment's batch size for this model (§3.3 compares batch sizes).</summary>
    public BatchSize? BatchSize { get; init; }
    /// <summary>What it trains with, resolved at load (<see cref="ModelSettings.Resolve"/>); read this, not <see cref="BatchSize"/>.</summary>
    [NotInYaml][JsonIgnore] public ModelSettings Settings { get; init; } = null!;
    /// <summary>The report's own numbers for this model (none are used in training).</summary>
    public ReportedSpec? Reported { get; init; }
}
