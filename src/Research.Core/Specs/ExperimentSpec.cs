using System.Text.Json.Serialization;

namespace Research.Specs;

/// <summary>
/// One experiment of the report, resolved for one profile: data, models, schedule, seeds and what to
/// record. Immutable; derive variants with <c>with { … }</c>.
/// </summary>
public sealed record ExperimentSpec
{
    [FromKey] public string Id { get; init; } = "";
    [NotInYaml] public Profile Profile { get; init; } = Profile.Full;
    /// <summary>Which of the experiment's three settings this is; outside the run key, so variants with the same settings share their runs.</summary>
    [NotInYaml][JsonIgnore] public Variant Variant { get; init; } = Variant.AsWritten;
    /// <summary>What this variant is, in a sentence (<c>variants.&lt;v&gt;.about</c>); null for an experiment without variants.</summary>
    [NotInYaml][JsonIgnore] public string? About { get; init; }
    /// <summary>Why this variant cannot be run (<c>variants.&lt;v&gt;.unavailable</c>); its claims then have no verdict.</summary>
    [NotInYaml][JsonIgnore] public string? Unavailable { get; init; }
    /// <summary>Setting path → where it comes from: "text …", "code FILE, cell N" or "harness: … because …" (<c>sources</c>).</summary>
    [NotInYaml][JsonIgnore] public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>Section of the report, e.g. "1.1.1".</summary>
    public required string Section { get; init; }
    public required string Title { get; init; }
    /// <summary>Choices made where the report is silent, and why.</summary>
    public string? Notes { get; init; }

    public required string Dataset { get; init; }
    /// <summary>Use only the first N training / test samples (ci budgets); all when absent.</summary>
    [SpecRange(Min = 1)] public int? TrainSamples { get; init; }
    [SpecRange(Min = 1)] public int? TestSamples { get; init; }

    public required LossKind Loss { get; init; }
    public BatchSize BatchSize { get; init; } = BatchSize.Full;
    [SpecRange(Min = 1)] public required int MaxEpochs { get; init; }
    public ConvergenceSpec? Convergence { get; init; }
    public RecordSpec Record { get; init; } = new();
    /// <summary>§2.3's analysis after training (gradient-norm minimisation, Hessian spectrum), if any.</summary>
    public CriticalPointSpec? CriticalPoint { get; init; }
    /// <summary>Analyses of the trained runs (PCA, interpolation, sensitivity); outside the run key, as they never change a run.</summary>
    [JsonIgnore] public AnalysisSpec? Analysis { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>Unset: each run seeds libtorch and builds its own model. <c>one_stream</c>: as the report's code did (see <see cref="SeedingKind.OneStream"/>).</summary>
    public SeedingKind? Seeding { get; init; }
    /// <summary>Unset: each run shuffles from a generator of its own. <c>data_loader</c>: the report's code's batch order, replayed (see <see cref="ShuffleKind.DataLoader"/>).</summary>
    public ShuffleKind? Shuffle { get; init; }
    /// <summary>Save the training state every this many epochs (0 = never); an interrupted run resumes from it with the same result.</summary>
    /// <remarks>Left out of the run key's JSON (it never changes results), so adding it kept every cached run valid.</remarks>
    [SpecRange(Min = 0)][JsonIgnore] public int CheckpointEvery { get; init; }
    /// <summary>Intra-op threads for libtorch; results are bit-identical only for the same count.</summary>
    [SpecRange(Min = 1, Max = 256)] public int Threads { get; init; } = 1;

    public required IReadOnlyDictionary<string, ModelSpec> Models { get; init; }

    /// <summary>
    /// Further measures the results tables show for this experiment (e.g. epoch_train_accuracy_90), after the ones
    /// its record implies; presentation only, outside the run key.
    /// </summary>
    [JsonIgnore] public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The report's figures this experiment redraws.</summary>
    public IReadOnlyList<FigureSpec> Figures { get; init; } = [];
}
