using Research.Training;

namespace Research.Measures;

/// <summary>
/// One named quantity a claim, a figure, a baseline or the report can ask for: what it is called, whether
/// it is per run or experiment-wide, how it is read, how its numbers are written and what it means.
/// Every measure is registered once, in Measure.Registry.cs; nothing else spells its name.
/// </summary>
public sealed partial record Measure
{
    /// <summary>The name experiments.yaml uses (metric:, versus:, x:, series: of a sweep).</summary>
    public required string Name { get; init; }
    public required MeasureScope Scope { get; init; }
    public NumberStyle Style { get; init; } = NumberStyle.General;
    /// <summary>What it is, in words, where the report lists it (default: its name with spaces).</summary>
    public string Description { get => field ?? Name.Replace('_', ' '); init; }
    /// <summary>Its column heading in the report's results tables (default: <see cref="Description"/>).</summary>
    public string Heading { get => field ?? Description; init; }
    /// <summary>Its short name on a figure's axis or legend (default: its name with spaces).</summary>
    public string Label { get => field ?? Name.Replace('_', ' '); init; }
    /// <summary>A one-line gloss of an experiment-wide measure, shown beside its value (null: none).</summary>
    public string? Gloss { get; init; }
    /// <summary>Its symbol, added to an axis label (e.g. ‖∂softmax/∂x‖_F).</summary>
    public string? Symbol { get; init; }
    /// <summary>A loss: plotted on a log scale.</summary>
    public bool IsLoss { get; init; }
    /// <summary>Pinned per run by the baselines when the run has it.</summary>
    public bool Pinned { get; init; }
    /// <summary>Added by an experiment analysis after training (sensitivity, interpolation, PCA): claims on it need the whole experiment analysed.</summary>
    public bool FromAnalysis { get; init; }

    /// <summary>How a per-run value is read off a run (its result, and the ground truth for function fits).</summary>
    internal Func<RunResult, double[]?, double>? Read { get; init; }

    public string Format(double value) => Style.Write(value);

    /// <summary>The value of a per-run measure for one run.</summary>
    /// <param name="run">The run (with its analysis values merged in, for analysis measures).</param>
    /// <param name="target">The ground truth at the training inputs (function fits), for prediction errors.</param>
    public double Of(RunResult run, double[]? target = null) =>
        Scope == MeasureScope.Run && Read is { } read
            ? read(run, target)
            : throw new InvalidOperationException($"{Name} is one value per experiment, not per run");

    /// <summary>The value of an experiment-wide measure; never a default 0 for a missing one.</summary>
    public double Of(IReadOnlyDictionary<string, double>? experimentValues) =>
        experimentValues is { } values && values.TryGetValue(Name, out var value)
            ? value
            : throw new InvalidOperationException($"{Name} needs the experiment's analysis: pca");

    public override string ToString() => Name;
}
