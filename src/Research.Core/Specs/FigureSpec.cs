namespace Research.Specs;

/// <summary>A figure of the report drawn from an experiment: its number, its caption as in the report, and what it shows.</summary>
public sealed record FigureSpec
{
    [SpecRange(Min = 1, Max = 99)] public required int Number { get; init; }
    public required string Caption { get; init; }
    public required FigureKind Kind { get; init; }
    /// <summary>scatter: the per-run metrics on the x and y axes; sweep: parameters or batch_size on x.</summary>
    public string? X { get; init; }
    public string? Y { get; init; }
    /// <summary>curves: per-epoch series (train_loss, test_loss, train_accuracy, test_accuracy); sweep: final metrics. The first is drawn solid, the others dashed.</summary>
    public IReadOnlyList<string> Series { get; init; } = [];
    /// <summary>sweep: a per-run metric drawn against a second, right-hand axis (e.g. sensitivity).</summary>
    public string? Right { get; init; }
    /// <summary>curves: only these models (default: all).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];
    /// <summary>pca: whole (all parameters) or layer (the analysis's layer slice).</summary>
    public string? Part { get; init; }
    /// <summary>interpolation: which pair of the analysis (1-based).</summary>
    [SpecRange(Min = 1)] public int? Pair { get; init; }
}

public enum FigureKind
{
    /// <summary>The target function of a fit.</summary>
    Target,
    /// <summary>Training loss per epoch, one line per model and seed (log scale).</summary>
    LossCurves,
    /// <summary>L2 norm of the gradient per epoch, one line per model and seed (log scale).</summary>
    GradientNorm,
    /// <summary>Each model's predictions against the ground truth.</summary>
    Predictions,
    /// <summary>One point per run: metric <c>y</c> against metric <c>x</c>.</summary>
    Scatter,
    /// <summary>Per-epoch series (e.g. train and test loss), one colour per model, other seeds faint.</summary>
    Curves,
    /// <summary>Final metrics against a model property (parameters, batch size): seed means joined, seeds as points.</summary>
    Sweep,
    /// <summary>§2.1: weight trajectories in the first two principal components, one colour per run.</summary>
    Pca,
    /// <summary>§3.3.1: loss (log, left) and accuracy (right) along the line between two trained models.</summary>
    Interpolation,
}
