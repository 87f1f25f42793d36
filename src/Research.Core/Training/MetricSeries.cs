namespace Research.Training;

/// <summary>Per-epoch metrics of one run, column by column (epochs are 1-based).</summary>
public sealed record MetricSeries
{
    public required int[] Epochs { get; init; }
    /// <summary>Mean training loss over the epoch's steps (for a full batch: the loss of the one step, before its update).</summary>
    public required double[] TrainLoss { get; init; }
    public double[]? TrainAccuracy { get; init; }
    /// <summary>Mean over the epoch's steps of the step's parameter-gradient norm (record.gradient_norm_kind says which).</summary>
    public double[]? GradientNorm { get; init; }

    /// <summary>Epochs at which the test set was evaluated (under no_grad, in eval mode).</summary>
    public int[]? TestEpochs { get; init; }
    public double[]? TestLoss { get; init; }
    public double[]? TestAccuracy { get; init; }

    /// <summary>The whole training set in eval mode (no dropout) after the epoch, at <see cref="TestEpochs"/> (record.train_eval).</summary>
    public double[]? TrainEvalLoss { get; init; }
    public double[]? TrainEvalAccuracy { get; init; }
}
