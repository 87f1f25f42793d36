namespace Research.Specs;

/// <summary>A figure of the report drawn from an experiment: its number, its caption as in the report, and what it shows.</summary>
public sealed record FigureSpec
{
    [SpecRange(Min = 1, Max = 99)] public required int Number { get; init; }
    public required string Caption { get; init; }
    public required FigureKind Kind { get; init; }
    /// <summary>scatter: the per-run metrics on the x and y axes.</summary>
    public string? X { get; init; }
    public string? Y { get; init; }
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
}
