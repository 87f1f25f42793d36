namespace Research.Reporting;

/// <summary>The report's words for its measures: what a per-run metric is, and what an experiment-wide measure means.</summary>
internal static class MeasureWords
{
    /// <summary>What an experiment-wide measure means, in parentheses.</summary>
    public static string Gloss(string name) => name switch
    {
        "pca_explained_variance" => " (share of the variance in the first two components, whole model)",
        "pca_layer_explained_variance" => " (the same for the layer)",
        "pca_layer_agreement" => " (R² of the best linear map from the whole-model picture to the layer's, in 2-D)",
        "pca_layer_subspace_agreement" => " (the same over as many components as runs)",
        "pca_start_separation" => " (closest two starting points ÷ mean start-to-end distance, in the picture)",
        "pca_direction_cosine" => " (mean pairwise cosine of the runs' start-to-end moves: 1 the same way, 0 unrelated)",
        _ => "",
    };

    /// <summary>What a per-run metric is, in words, for the summary table.</summary>
    public static string MetricName(string metric) => metric switch
    {
        "converged_epoch" => "epoch of convergence",
        "converged" => "converged (yes/no)",
        "prediction_rmse" => "RMSE of the predictions against the ground truth",
        "train_test_loss_gap" => "final test loss − final training loss",
        "interpolation_argmin_distance" => "α distance from the lowest training loss on the line to the nearer model",
        "interpolation_barrier" => "highest training loss between the models − the higher end's",
        "interpolation_edge_rise" => "training loss at α = ±2 ÷ the higher model's",
        "end_sharpness" => "rise of the training loss one sharpness step beyond the model's end of the line",
        "sensitivity" => "mean ‖∂softmax/∂x‖_F over the test set",
        _ => metric.Replace('_', ' '),
    };
}
