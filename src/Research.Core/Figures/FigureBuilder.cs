using Research.Analysis;
using Research.Specs;

namespace Research.Figures;

/// <summary>
/// Builds an experiment's figures (as listed in its spec) from its runs and analyses. Labels carry
/// numbers in the invariant culture, whatever the machine's.
/// </summary>
public static class FigureBuilder
{
    /// <param name="experiment">The experiment, resolved for a profile.</param>
    /// <param name="data">Its data set.</param>
    /// <param name="results">Its runs with their analyses (PCA and interpolation figures need them).</param>
    public static IReadOnlyList<Figure> Build(ExperimentSpec experiment, DatasetSpec data, ExperimentResults results) =>
        experiment.Figures.Select(f => Build(f, experiment, data, results)).ToList();

    static Figure Build(FigureSpec spec, ExperimentSpec e, DatasetSpec data, ExperimentResults results) => spec.Kind switch
    {
        FigureKind.Target => CurveFigures.Target(spec, data),
        FigureKind.LossCurves => CurveFigures.Loss(spec, e, results),
        FigureKind.GradientNorm => CurveFigures.GradientNorm(spec, e, results),
        FigureKind.Predictions => CurveFigures.Predictions(spec, e, data, results),
        FigureKind.Curves => CurveFigures.Metrics(spec, e, results),
        FigureKind.Sweep => SweepFigures.Sweep(spec, e, results),
        FigureKind.Scatter => SweepFigures.Scatter(spec, e, results),
        FigureKind.Pca => AnalysisFigures.Pca(spec, e, results),
        FigureKind.Interpolation => AnalysisFigures.Interpolation(spec, e, results),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>"(3 seeds; bold: seed 1)" or "(1 seed)": how a title says which run is drawn bold.</summary>
    internal static string Seeds(ExperimentSpec e) =>
        $"{e.Seeds.Count} seed{(e.Seeds.Count == 1 ? "" : "s")}{(e.Seeds.Count > 1 ? $"; bold: seed {e.Seeds[0]}" : "")}";
}
