using Research.Models;
using Research.Specs.Yaml;
using Research.Measures;
using static System.FormattableString;

namespace Research.Specs.Loading;

/// <summary>Checks that need more than one key: references between sections, data set fields, shapes.</summary>
public static class SpecValidator
{
    public static void Validate(
        IReadOnlyDictionary<string, DatasetSpec> datasets, ExperimentSpec e, string path,
        IReadOnlyDictionary<string, SourceMark> marks, ICollection<SpecError> errors)
    {
        void Error(string at, string message)
        {
            var key = at;
            while (!marks.ContainsKey(key) && key.Contains('.')) key = key[..key.LastIndexOfAny(['.', '['])];
            errors.Add(new SpecError(marks.GetValueOrDefault(key), at, message));
        }

        // An unknown dataset is reported by the loader before binding.
        if (!datasets.TryGetValue(e.Dataset, out var data)) return;
        if (e.Seeds.Count == 0) Error(SpecPath.Child(path, "seeds"), "at least one seed is needed");
        if (e.Seeds.Distinct().Count() != e.Seeds.Count) Error(SpecPath.Child(path, "seeds"), "seeds must be distinct");
        if (e.Models.Count == 0) Error(SpecPath.Child(path, "models"), "at least one model is needed");

        ValidateModels(data, e, path, Error);
        if (data.Kind == DatasetKind.Function && e.Loss != LossKind.Mse)
            Error(SpecPath.Child(path, "loss"), "a function fit is a regression: use loss 'mse'");
        if (data.Kind == DatasetKind.Mnist && e.Loss != LossKind.CrossEntropy)
            Error(SpecPath.Child(path, "loss"), "MNIST is a classification: use loss 'cross_entropy'");
        if (e.CriticalPoint != null && e.Loss != LossKind.Mse)
            Error(SpecPath.Child(path, "critical_point"), "the critical-point analysis (§2.3) is defined for an MSE loss");
        if (e.Analysis is { } analysis) ValidateAnalyses(analysis, data, e, path, Error);
        foreach (var column in e.Columns.Where(c => Measures.Measure.Find(c) is not { Scope: Measures.MeasureScope.Run }))
            Error(SpecPath.Child(path, "columns"), $"'{column}' is not a per-run measure{SpecPath.Hint(column, Measures.Measure.Names)}; measures: {string.Join(", ", Measures.Measure.Names)}");
        ValidateFigures(e, path, Error);
        if (e.Record.TrainEval == true && !e.Record.Test)
            Error(SpecPath.Child(path, "record.train_eval"), "the training set is evaluated when the test set is: set record.test too");
        if (e.Record.Accuracy && data.Kind != DatasetKind.Mnist)
            Error(SpecPath.Child(path, "record.accuracy"), "accuracy is defined for classification data sets only");
    }

    /// <summary>Each model's layers fit the data's input and output, and give the parameter count it declares.</summary>
    static void ValidateModels(DatasetSpec data, ExperimentSpec e, string path, Action<string, string> error)
    {
        var input = DataShapes.Input(data);
        int outputs = DataShapes.Outputs(data);
        foreach (var (id, model) in e.Models)
        {
            var modelPath = SpecPath.Child(SpecPath.Child(path, "models"), id);
            var shapes = ModelShapes.Infer(input, model.Layers);
            foreach (var (layer, problem) in shapes.Problems)
                error(SpecPath.Index(SpecPath.Child(modelPath, "layers"), layer), problem);
            if (shapes.Problems.Count > 0) continue;
            // A declared count is a fact about the architecture: if the layers do not give it, the spec is wrong.
            if (model.Parameters is { } declared && declared != shapes.Parameters)
                error(SpecPath.Child(modelPath, "parameters"),
                    Invariant($"declares {declared:N0} parameters but its layers give {shapes.Parameters:N0} on {e.Dataset}'s input [{string.Join(", ", input)}]: correct the count or the layers"));
            var last = shapes.Shapes[^1];
            if (last.Length != 1 || last[0] != outputs)
                error(SpecPath.Child(modelPath, "layers"),
                    $"the model ends in shape [{string.Join(", ", last)}] but {e.Dataset} needs {outputs} output{(outputs == 1 ? "" : "s")} per sample");
        }
    }

    /// <summary>Analyses read weights the runs keep, name models that exist, and apply to the data.</summary>
    static void ValidateAnalyses(AnalysisSpec analysis, DatasetSpec data, ExperimentSpec e, string path, Action<string, string> error)
    {
        var at = SpecPath.Child(path, "analysis");
        bool jacobian = analysis.Sensitivity is { Of: SensitivityKind.InputJacobian };
        if (analysis.Sensitivity is { Of: SensitivityKind.ParameterGradient } && !e.Record.GradientNorm)
            error(SpecPath.Child(SpecPath.Child(at, "sensitivity"), "of"), "parameter_gradient reads each run's recorded gradient norm: set record: { gradient_norm: true } (gradient_norm_kind: tensor_mean is the report code's)");
        if ((analysis.Pca != null || analysis.Interpolation != null || jacobian) && e.Record.WeightsEvery == 0)
            error(at, "analyses read the runs' weights: set record: { weights_every: N } (N = max_epochs keeps just the start and the end)");
        // The trainer snapshots at multiples of N (and at convergence), and these analyses take the last snapshot as the trained model.
        else if ((analysis.Interpolation != null || jacobian) && e.Record.WeightsEvery > 0 && e.MaxEpochs % e.Record.WeightsEvery != 0)
            error(SpecPath.Child(path, "record.weights_every"),
                $"interpolation and sensitivity read each run's final weights, but weights_every {e.Record.WeightsEvery} does not divide max_epochs {e.MaxEpochs}: " +
                $"the last snapshot would be epoch {e.MaxEpochs / e.Record.WeightsEvery * e.Record.WeightsEvery}'s");
        if (analysis.Interpolation is { } line)
        {
            var seen = new HashSet<string>();
            for (int i = 0; i < line.Pairs.Count; i++)
                foreach (var (key, model) in new[] { ("from", line.Pairs[i].From), ("to", line.Pairs[i].To) })
                {
                    var where = SpecPath.Child(SpecPath.Index(SpecPath.Child(SpecPath.Child(at, "interpolation"), "pairs"), i), key);
                    if (!e.Models.ContainsKey(model)) error(where, $"unknown model '{model}'{SpecPath.Hint(model, e.Models.Keys)}; models: {string.Join(", ", e.Models.Keys)}");
                    else if (!seen.Add(model)) error(where, $"model '{model}' is in two pairs; each model's end sharpness must come from one line");
                }
            if (line.From >= line.To) error(SpecPath.Child(SpecPath.Child(at, "interpolation"), "from"), "from must be below to");
        }
        if (jacobian && data.Kind != DatasetKind.Mnist)
            error(SpecPath.Child(at, "sensitivity"), "sensitivity is defined for classifiers (softmax outputs)");
    }

    /// <summary>Each figure names series, metrics, models and analyses that exist, so a typo fails at load time, not after training.</summary>
    static void ValidateFigures(ExperimentSpec e, string path, Action<string, string> error)
    {
        var metrics = Measure.Names.ToList();
        var series = Measure.SeriesNames.ToList();
        for (int i = 0; i < e.Figures.Count; i++)
        {
            var f = e.Figures[i];
            var at = SpecPath.Index(SpecPath.Child(path, "figures"), i);
            void Known(string key, string? value, IReadOnlyList<string> allowed)
            {
                if (value != null && !allowed.Contains(value))
                    error(SpecPath.Child(at, key), $"unknown {key} '{value}'{SpecPath.Hint(value, allowed)}; allowed: {string.Join(", ", allowed)}");
            }
            switch (f.Kind)
            {
                case FigureKind.Curves:
                    foreach (var name in f.Series) Known("series", name, series);
                    foreach (var model in f.Models) Known("models", model, [.. e.Models.Keys]);
                    break;
                case FigureKind.Sweep:
                    Known("x", f.X, ["parameters", "batch_size"]);
                    if (f.Series.Count == 0) error(at, "a sweep figure needs series: [final metrics on the left axis]");
                    foreach (var name in f.Series) Known("series", name, metrics);
                    Known("right", f.Right, metrics);
                    break;
                case FigureKind.Scatter:
                    if (f.X is null || f.Y is null) error(at, "a scatter figure needs x and y (per-run metrics)");
                    Known("x", f.X, metrics);
                    Known("y", f.Y, metrics);
                    break;
                case FigureKind.Pca:
                    if (e.Analysis?.Pca is null) error(at, "a pca figure needs analysis: { pca: … } in the experiment");
                    Known("part", f.Part ?? "whole", ["whole", "layer"]);
                    break;
                case FigureKind.Interpolation:
                    if (e.Analysis?.Interpolation is not { } line) error(at, "an interpolation figure needs analysis: { interpolation: … } in the experiment");
                    else if ((f.Pair ?? 1) > line.Pairs.Count) error(SpecPath.Child(at, "pair"), $"pair {f.Pair} does not exist: the interpolation has {IO.Counts.Of(line.Pairs.Count, "pair")}");
                    break;
            }
        }
    }

    public static void Validate(DatasetSpec d, string path, IReadOnlyDictionary<string, SourceMark> marks, ICollection<SpecError> errors)
    {
        var mark = marks.GetValueOrDefault(path);
        if (d.Kind == DatasetKind.Function)
        {
            if (d.Function == null) errors.Add(new SpecError(mark, SpecPath.Child(path, "function"), "a function data set needs 'function' (sinc, sign_sine)"));
            if (d.Domain is not { Count: 2 } domain || domain[0] >= domain[1])
                errors.Add(new SpecError(marks.GetValueOrDefault(SpecPath.Child(path, "domain"), mark), SpecPath.Child(path, "domain"), "a function data set needs 'domain: [low, high]' with low < high"));
            if (d.Points < 2) errors.Add(new SpecError(mark, SpecPath.Child(path, "points"), "a function data set needs 'points' (at least 2)"));
        }
        else if (d.Function != null || d.Domain != null || d.Points != 0)
        {
            errors.Add(new SpecError(mark, path, "function, domain and points apply to kind 'function' only"));
        }
    }
}
