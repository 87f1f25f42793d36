using Research.Training;

namespace Research.Measures;

/// <summary>
/// The registry of measures: every per-run metric, analysis value, experiment-wide value and per-epoch
/// series a claim, figure, baseline, the report or the CLI can name. A run that never converged has
/// converged_epoch = +∞, so "fewer epochs" comparisons treat it as slower than any converged run.
/// Adding a measure: register it here (and, for an analysis value, compute it in its analysis).
/// </summary>
public sealed partial record Measure
{
    // Per-epoch series.
    public static readonly SeriesMeasure TrainLoss = new() { Name = "train_loss", Label = "training loss", IsLoss = true, Read = m => m.TrainLoss };
    public static readonly SeriesMeasure TestLoss = new() { Name = "test_loss", Label = "test loss", IsLoss = true, AtTestEpochs = true, Read = m => m.TestLoss };
    public static readonly SeriesMeasure TrainAccuracy = new()
        { Name = "train_accuracy", Label = "training accuracy", Style = NumberStyle.Percent, Read = m => m.TrainAccuracy };
    public static readonly SeriesMeasure TestAccuracy = new()
        { Name = "test_accuracy", Label = "test accuracy", Style = NumberStyle.Percent, AtTestEpochs = true, Read = m => m.TestAccuracy };
    public static readonly SeriesMeasure GradientNorm = new() { Name = "gradient_norm", Label = "gradient norm", Read = m => m.GradientNorm };
    public static readonly SeriesMeasure TrainLossEval = new()
        { Name = "train_loss_eval", Label = "training loss (eval mode)", IsLoss = true, AtTestEpochs = true, Read = m => m.TrainEvalLoss };
    public static readonly SeriesMeasure TrainAccuracyEval = new()
        { Name = "train_accuracy_eval", Label = "training accuracy (eval mode)", Style = NumberStyle.Percent, AtTestEpochs = true, Read = m => m.TrainEvalAccuracy };

    public static readonly Measure Converged = Run("converged", (r, _) => r.Outcome == RunOutcome.Converged ? 1 : 0) with
        { Style = NumberStyle.YesNo, Description = "converged (yes/no)" };
    public static readonly Measure ConvergedEpoch = Run("converged_epoch", (r, _) => r.ConvergedEpoch ?? double.PositiveInfinity) with
        { Style = NumberStyle.Count, Description = "epoch of convergence", Pinned = true };
    public static readonly Measure Epochs = Run("epochs", (r, _) => r.Epochs) with { Style = NumberStyle.Count, Pinned = true };
    public static readonly Measure Parameters = Run("parameters", (r, _) => r.Parameters) with { Style = NumberStyle.Count };

    public static readonly Measure FinalTrainLoss = Run("final_train_loss", (r, _) => r.Metrics.TrainLoss[^1]) with
        { Label = "training loss", Heading = "final training loss", IsLoss = true, Pinned = true,
          Description = "final training loss, as training ran: the mean over the last epoch's batches (full batch: its one step's, before the update), with dropout where the model has it" };
    public static readonly Measure FinalTestLoss = Run("final_test_loss", (r, _) => Last(r.Metrics.TestLoss, "final_test_loss")) with
        { Label = "test loss", IsLoss = true, Pinned = true };
    public static readonly Measure FinalTrainAccuracy = Run("final_train_accuracy", (r, _) => Last(r.Metrics.TrainAccuracy, "final_train_accuracy")) with
        { Label = "training accuracy", Heading = "final training accuracy", Style = NumberStyle.Percent, Pinned = true,
          Description = "final training accuracy, as training ran: the mean over the last epoch's batches, with dropout where the model has it" };
    public static readonly Measure FinalTrainLossEval = Run("final_train_loss_eval", (r, _) => Last(r.Metrics.TrainEvalLoss, "final_train_loss_eval")) with
        { Label = "training loss (eval)", Heading = "final training loss, eval mode", IsLoss = true, Pinned = true,
          Description = "training loss measured on the whole training set in eval mode (no dropout) after the last epoch" };
    public static readonly Measure FinalTrainAccuracyEval = Run("final_train_accuracy_eval", (r, _) => Last(r.Metrics.TrainEvalAccuracy, "final_train_accuracy_eval")) with
        { Label = "training accuracy (eval)", Heading = "final training accuracy, eval mode", Style = NumberStyle.Percent, Pinned = true,
          Description = "training accuracy measured on the whole training set in eval mode (no dropout) after the last epoch" };
    public static readonly Measure FinalTestAccuracy = Run("final_test_accuracy", (r, _) => Last(r.Metrics.TestAccuracy, "final_test_accuracy")) with
        { Label = "test accuracy", Style = NumberStyle.Percent, Pinned = true };
    public static readonly Measure FinalGradientNorm = Run("final_gradient_norm", (r, _) => Last(r.Metrics.GradientNorm, "final_gradient_norm")) with
        { Pinned = true };
    public static readonly Measure TrainTestLossGap = Run("train_test_loss_gap",
        (r, _) => Last(r.Metrics.TestLoss, "train_test_loss_gap") - r.Metrics.TrainLoss[^1]) with
        { Description = "final test loss − final training loss (its running mean)", IsLoss = true };
    public static readonly Measure TrainTestLossGapEval = Run("train_test_loss_gap_eval",
        (r, _) => Last(r.Metrics.TestLoss, "train_test_loss_gap_eval") - Last(r.Metrics.TrainEvalLoss, "train_test_loss_gap_eval")) with
        { Description = "final test loss − final training loss measured in eval mode", IsLoss = true };
    public static readonly Measure TestTrainLossRatio = Run("test_train_loss_ratio",
        (r, _) => Last(r.Metrics.TestLoss, "test_train_loss_ratio") / r.Metrics.TrainLoss[^1]) with
        { Description = "final test loss ÷ final training loss (its running mean): it rises with size when the test loss improves less than the training loss" };
    public static readonly Measure TestTrainLossRatioEval = Run("test_train_loss_ratio_eval",
        (r, _) => Last(r.Metrics.TestLoss, "test_train_loss_ratio_eval") / Last(r.Metrics.TrainEvalLoss, "test_train_loss_ratio_eval")) with
        { Description = "final test loss ÷ final training loss measured in eval mode" };
    public static readonly Measure TrainTestAccuracyGap = Run("train_test_accuracy_gap",
        (r, _) => Last(r.Metrics.TrainAccuracy, "train_test_accuracy_gap") - Last(r.Metrics.TestAccuracy, "train_test_accuracy_gap")) with
        { Style = NumberStyle.Percent };
    public static readonly Measure PredictionRmse = Run("prediction_rmse", (r, t) => Math.Sqrt(Errors(r, t).Select(e => e * e).Average())) with
        { Description = "RMSE of the predictions against the ground truth" };
    public static readonly Measure PredictionMaxError = Run("prediction_max_error", (r, t) => Errors(r, t).Max(Math.Abs));
    public static readonly Measure PredictionSignAccuracy = Run("prediction_sign_accuracy",
        (r, t) => Predictions(r, t).Average(p => Math.Sign(p.Prediction) == Math.Sign(p.Target) ? 1.0 : 0.0)) with
        { Style = NumberStyle.Percent, Description = "share of the training points where the prediction has the target's sign (sgn(sin(5πx)))" };

    public static readonly Measure MinimalRatio = CriticalPoint(CriticalPointAnalysis.MinimalRatio);
    // The phase ends near, not at, a critical point (‖∇θL‖ 0.006–0.06 against the 1e-3 target, minimal-ratio's
    // evidence), so the axis and tables say where the loss is read, not that the point is critical (issue 18, Fig. 13).
    public static readonly Measure CriticalLoss = CriticalPoint(CriticalPointAnalysis.CriticalLoss) with
        { Label = "loss after the gradient-norm phase", Heading = "loss at the end of the gradient-norm phase", IsLoss = true };
    public static readonly Measure CriticalGradientNorm = CriticalPoint(CriticalPointAnalysis.CriticalGradientNorm);

    /// <summary>The lowest training loss of any epoch: what §3.2's code plots as "train loss" (HW1.3_No_of_ParamVSGenP0.ipynb).</summary>
    public static readonly Measure MinTrainLoss = Run("min_train_loss", (r, _) => r.Metrics.TrainLoss.Min()) with { Label = "lowest training loss", IsLoss = true };
    public static readonly Measure MaxTrainAccuracy = Run("max_train_accuracy", (r, _) => TrainAccuracy.Of(r).Max()) with
        { Style = NumberStyle.Percent };
    public static readonly Measure EpochTrainAccuracy50 = Run("epoch_train_accuracy_50", (r, _) => FirstEpoch(r, TrainAccuracy, 0.5)) with
        { Style = NumberStyle.Count };
    public static readonly Measure EpochTrainAccuracy90 = Run("epoch_train_accuracy_90", (r, _) => FirstEpoch(r, TrainAccuracy, 0.9)) with
        { Style = NumberStyle.Count };
    public static readonly Measure EpochTrainAccuracy99 = Run("epoch_train_accuracy_99", (r, _) => FirstEpoch(r, TrainAccuracy, 0.99)) with
        { Style = NumberStyle.Count };

    // Per-run values the experiment's analyses add (sensitivity; interpolation, on the pair's models).
    public static readonly Measure Sensitivity = Analysed("sensitivity") with
        { Description = "the experiment's analysis.sensitivity: the input Jacobian ‖∂softmax/∂x‖_F on the test set, or the mean parameter-gradient norm over training steps" };
    public static readonly Measure EndSharpness = Analysed("end_sharpness") with
        { Description = "rise of the training loss one sharpness step beyond the model's end of the line" };
    public static readonly Measure InterpolationBarrier = Analysed("interpolation_barrier") with
        { Description = "highest training loss between the models − the higher end's" };
    public static readonly Measure InterpolationBarrierToNoise = Analysed("interpolation_barrier_to_noise") with
        { Description = "the barrier ÷ the line's point-to-point noise between the models (median distance of a point from the line through its neighbours)" };
    public static readonly Measure InterpolationEdgeRise = Analysed("interpolation_edge_rise") with
        { Description = "training loss at α = ±2 ÷ the higher model's" };
    public static readonly Measure InterpolationArgminDistance = Analysed("interpolation_argmin_distance") with
        { Description = "α distance from the lowest training loss on the line to the nearer model" };

    // One value per experiment (§2.1's PCA).
    public static readonly Measure PcaExplainedVariance = Experiment("pca_explained_variance",
        "share of the variance in the first two components, whole model");
    public static readonly Measure PcaLayerExplainedVariance = Experiment("pca_layer_explained_variance", "the same for the layer");
    public static readonly Measure PcaLayerAgreement = Experiment("pca_layer_agreement",
        "R² of the best linear map from the whole-model picture to the layer's, in 2-D") with { Style = NumberStyle.NearOne };
    public static readonly Measure PcaLayerSubspaceAgreement = Experiment("pca_layer_subspace_agreement",
        "the same over as many components as runs") with { Style = NumberStyle.NearOne };
    public static readonly Measure PcaStartSeparation = Experiment("pca_start_separation",
        "closest two starting points ÷ mean start-to-end distance, in the picture");
    public static readonly Measure PcaDirectionCosine = Experiment("pca_direction_cosine",
        "mean pairwise cosine of the runs' start-to-end moves: 1 the same way, 0 unrelated");

    /// <summary>Every scalar measure, per run then experiment-wide, in the order messages list them.</summary>
    public static IReadOnlyList<Measure> All { get; } =
    [
        Converged, ConvergedEpoch, Epochs, Parameters,
        FinalTrainLoss, FinalTestLoss, FinalTrainAccuracy, FinalTestAccuracy, FinalGradientNorm,
        FinalTrainLossEval, FinalTrainAccuracyEval,
        TrainTestLossGap, TrainTestLossGapEval, TestTrainLossRatio, TestTrainLossRatioEval, TrainTestAccuracyGap, PredictionRmse, PredictionMaxError, PredictionSignAccuracy,
        MinimalRatio, CriticalLoss, CriticalGradientNorm,
        MinTrainLoss, MaxTrainAccuracy, EpochTrainAccuracy50, EpochTrainAccuracy90, EpochTrainAccuracy99,
        Sensitivity, EndSharpness, InterpolationBarrier, InterpolationBarrierToNoise, InterpolationEdgeRise, InterpolationArgminDistance,
        PcaExplainedVariance, PcaLayerExplainedVariance, PcaLayerAgreement, PcaLayerSubspaceAgreement, PcaStartSeparation, PcaDirectionCosine,
    ];

    public static IReadOnlyList<SeriesMeasure> Series { get; } = [TrainLoss, TestLoss, TrainAccuracy, TestAccuracy, GradientNorm, TrainLossEval, TrainAccuracyEval];

    static readonly Dictionary<string, Measure> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);
    static readonly Dictionary<string, SeriesMeasure> SeriesByName = Series.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Select(m => m.Name);
    public static IEnumerable<string> SeriesNames => Series.Select(s => s.Name);

    public static Measure? Find(string? name) => name is not null && ByName.TryGetValue(name, out var m) ? m : null;

    /// <summary>The measure of that name; an error listing them all when there is none.</summary>
    public static Measure Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown metric '{name}'; metrics: {string.Join(", ", Names)}");

    public static SeriesMeasure? FindSeries(string? name) => name is not null && SeriesByName.TryGetValue(name, out var s) ? s : null;

    public static SeriesMeasure GetSeries(string name) =>
        FindSeries(name) ?? throw new ArgumentException($"unknown series '{name}'; series: {string.Join(", ", SeriesNames)}");

    /// <summary>How the named measure or series writes its numbers; plain four significant digits for any other name.</summary>
    public static NumberStyle StyleOf(string? name) => Find(name)?.Style ?? FindSeries(name)?.Style ?? NumberStyle.General;

    /// <summary>A number as the named measure or series writes it.</summary>
    public static string Format(string? name, double value) => StyleOf(name).Write(value);

    static Measure Run(string name, Func<RunResult, double[]?, double> read) => new() { Name = name, Scope = MeasureScope.Run, Read = read };

    static Measure CriticalPoint(string name) => Run(name, (r, _) =>
        Stored(r, name) ?? throw new InvalidOperationException($"{name} needs critical_point: in the experiment"));

    static Measure Analysed(string name) => Run(name, (r, _) => Stored(r, name)
        ?? throw new InvalidOperationException($"{name} of {r.Model} seed {r.Seed} needs the experiment's analysis: (sensitivity, or interpolation with this model in a pair)"))
        with { FromAnalysis = true, Pinned = true };

    static Measure Experiment(string name, string gloss) =>
        new() { Name = name, Scope = MeasureScope.Experiment, Gloss = gloss, FromAnalysis = true };

    /// <summary>A named value stored on the run, or null when it has none by that name (never a default 0).</summary>
    static double? Stored(RunResult run, string name) => run.Scalars is { } s && s.TryGetValue(name, out var v) ? v : null;

    /// <summary>The first epoch at which the series reaches <paramref name="threshold"/>; +∞ if it never does.</summary>
    static double FirstEpoch(RunResult run, SeriesMeasure series, double threshold)
    {
        var values = series.Of(run);
        var i = Array.FindIndex(values, v => v >= threshold);
        return i < 0 ? double.PositiveInfinity : run.Metrics.Epochs[i];
    }

    static double Last(double[]? series, string metric) =>
        series is { Length: > 0 } s ? s[^1]
        : throw new InvalidOperationException($"{metric} needs a series this experiment does not record; enable it under record:");

    static IEnumerable<double> Errors(RunResult run, double[]? target) => Predictions(run, target).Select(p => p.Prediction - p.Target);

    static IEnumerable<(double Prediction, double Target)> Predictions(RunResult run, double[]? target)
    {
        if (run.Predictions is not { } p || target is null)
            throw new InvalidOperationException("prediction errors need record: { predictions: true } on a function data set");
        return p.Zip(target);
    }
}
