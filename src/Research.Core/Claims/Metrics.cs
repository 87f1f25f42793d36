using Research.Training;

namespace Research.Claims;

/// <summary>
/// Scalars read off a run for claims. A run that never converged has converged_epoch = +∞, so "fewer
/// epochs" comparisons treat it as slower than any converged run.
/// </summary>
public static class Metrics
{
    /// <summary>Per-run scalars the experiment's analyses add (sensitivity; interpolation, on the pair's models).</summary>
    public static readonly IReadOnlyList<string> AnalysisNames =
        ["sensitivity", "end_sharpness", "interpolation_barrier", "interpolation_edge_rise", "interpolation_argmin_distance"];

    /// <summary>One value per experiment (§2.1's PCA), not per run.</summary>
    public static readonly IReadOnlyList<string> ExperimentNames =
        ["pca_explained_variance", "pca_layer_explained_variance", "pca_layer_agreement", "pca_layer_subspace_agreement", "pca_start_separation", "pca_direction_cosine"];

    public static readonly IReadOnlyList<string> Names =
    [
        "converged", "converged_epoch", "epochs", "parameters",
        "final_train_loss", "final_test_loss", "final_train_accuracy", "final_test_accuracy", "final_gradient_norm",
        "train_test_loss_gap", "train_test_accuracy_gap", "prediction_rmse", "prediction_max_error",
        "minimal_ratio", "critical_loss", "critical_gradient_norm",
        "max_train_accuracy", "epoch_train_accuracy_50", "epoch_train_accuracy_90",
        .. AnalysisNames, .. ExperimentNames,
    ];

    public static bool NeedsAnalysis(string? name) => name != null && (AnalysisNames.Contains(name) || ExperimentNames.Contains(name));

    public static readonly IReadOnlyList<string> SeriesNames = ["train_loss", "test_loss", "train_accuracy", "test_accuracy", "gradient_norm"];

    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="run">The run.</param>
    /// <param name="target">The ground truth at the training inputs (function fits), for prediction errors.</param>
    public static double Value(string name, RunResult run, double[]? target = null) => name switch
    {
        "converged" => run.Outcome == RunOutcome.Converged ? 1 : 0,
        "converged_epoch" => run.ConvergedEpoch ?? double.PositiveInfinity,
        "epochs" => run.Epochs,
        "parameters" => run.Parameters,
        "final_train_loss" => run.Metrics.TrainLoss[^1],
        "final_test_loss" => Last(run.Metrics.TestLoss, name),
        "final_train_accuracy" => Last(run.Metrics.TrainAccuracy, name),
        "final_test_accuracy" => Last(run.Metrics.TestAccuracy, name),
        "final_gradient_norm" => Last(run.Metrics.GradientNorm, name),
        "train_test_loss_gap" => Last(run.Metrics.TestLoss, name) - run.Metrics.TrainLoss[^1],
        "train_test_accuracy_gap" => Last(run.Metrics.TrainAccuracy, name) - Last(run.Metrics.TestAccuracy, name),
        "prediction_rmse" => Math.Sqrt(Errors(run, target).Select(e => e * e).Average()),
        "prediction_max_error" => Errors(run, target).Max(Math.Abs),
        "minimal_ratio" or "critical_loss" or "critical_gradient_norm" =>
            Scalar(run, name) ?? throw new InvalidOperationException($"{name} needs critical_point: in the experiment"),
        "max_train_accuracy" => Series("train_accuracy", run).Max(),
        "epoch_train_accuracy_50" => FirstEpoch(run, "train_accuracy", 0.5),
        "epoch_train_accuracy_90" => FirstEpoch(run, "train_accuracy", 0.9),
        _ when AnalysisNames.Contains(name) => Scalar(run, name)
            ?? throw new InvalidOperationException($"{name} of {run.Model} seed {run.Seed} needs the experiment's analysis: (sensitivity, or interpolation with this model in a pair)"),
        _ => throw new ArgumentException($"unknown metric '{name}'; metrics: {string.Join(", ", Names)}"),
    };

    public static double[] Series(string name, RunResult run) => name switch
    {
        "train_loss" => run.Metrics.TrainLoss,
        "test_loss" => run.Metrics.TestLoss,
        "train_accuracy" => run.Metrics.TrainAccuracy,
        "test_accuracy" => run.Metrics.TestAccuracy,
        "gradient_norm" => run.Metrics.GradientNorm,
        _ => null,
    } ?? throw new InvalidOperationException($"run {run.Experiment}/{run.Model} seed {run.Seed} did not record '{name}'; enable it under record:");

    /// <summary>A named scalar of the run, or null when it has none by that name (never a default 0).</summary>
    static double? Scalar(RunResult run, string name) => run.Scalars is { } s && s.TryGetValue(name, out var v) ? v : null;

    /// <summary>The first epoch at which the series reaches <paramref name="threshold"/>; +∞ if it never does.</summary>
    static double FirstEpoch(RunResult run, string series, double threshold)
    {
        var values = Series(series, run);
        var i = Array.FindIndex(values, v => v >= threshold);
        return i < 0 ? double.PositiveInfinity : run.Metrics.Epochs[i];
    }

    static double Last(double[]? series, string metric) =>
        series is { Length: > 0 } s ? s[^1] : throw new InvalidOperationException($"{metric} needs a series this experiment does not record; enable it under record:");

    static IEnumerable<double> Errors(RunResult run, double[]? target)
    {
        if (run.Predictions is not { } p || target is null)
            throw new InvalidOperationException("prediction errors need record: { predictions: true } on a function data set");
        return p.Zip(target, (a, b) => a - b);
    }
}
