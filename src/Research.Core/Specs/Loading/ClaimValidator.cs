using Research.Specs;
using Research.Specs.Yaml;
using Research.Measures;

namespace Research.Specs.Loading;

/// <summary>Load-time checks of claims: the experiment, models and metric they name exist, and each kind has its fields.</summary>
public static class ClaimValidator
{
    public static void Validate(
        ClaimSpec c, string path, IReadOnlyDictionary<string, ResolvedExperiment> experiments,
        IReadOnlySet<string> declared, IReadOnlyDictionary<string, SourceMark> marks, ICollection<SpecError> errors)
    {
        void Error(string key, string message) =>
            errors.Add(new SpecError(marks.GetValueOrDefault(SpecPath.Child(path, key), marks.GetValueOrDefault(path)), SpecPath.Child(path, key), message));

        if (declared.Contains(c.Experiment) && !experiments.ContainsKey(c.Experiment))
            return; // the experiment itself has errors, reported where they are
        if (!experiments.TryGetValue(c.Experiment, out var resolved))
        {
            var hint = SpecPath.Hint(c.Experiment, experiments.Keys);
            Error("experiment", $"unknown experiment '{c.Experiment}'{hint}; experiments: {string.Join(", ", declared)}");
            return;
        }
        foreach (var variant in resolved.Runnable)
        {
            var models = resolved[Profile.Full, variant].Models;
            var where = resolved.HasVariants ? $" {variant.Words()}" : "";
            foreach (var m in c.Models.Append(c.Than).OfType<string>().Where(m => !models.ContainsKey(m)))
            {
                var hint = SpecPath.Hint(m, models.Keys);
                Error(c.Than == m ? "than" : "models", $"experiment {c.Experiment}{where} has no model '{m}'{hint}; models: {string.Join(", ", models.Keys)}");
            }
        }
        if (c.Models.Count == 0) Error("models", "name at least one model");

        bool needsMetric = c.Kind is not (ClaimKind.Shape or ClaimKind.Parameters);
        if (needsMetric && c.Metric is null) Error("metric", $"a {Lower(c.Kind)} claim needs 'metric'; metrics: {string.Join(", ", Measure.Names)}");
        if (c.Metric is { } metric && Measure.Find(metric) is null)
        {
            var hint = SpecPath.Hint(metric, Measure.Names);
            Error("metric", $"unknown metric '{metric}'{hint}; metrics: {string.Join(", ", Measure.Names)}");
        }
        ValidateKind(c, Error);
        if (c.Factor is not null && c.Kind != ClaimKind.Comparison) Error("factor", "only a comparison claim has a factor");
        if (c.Relation == Relation.Within && (c.Kind != ClaimKind.Comparison || c.Factor is not > 1))
            Error("relation", "within is a comparison's relation and needs a factor above 1 (e.g. factor: 3: each side below 3 × the other)");
        if (c.Versus is { } versus && Measure.Find(versus) is null)
            Error("versus", $"unknown metric '{versus}'; metrics: {string.Join(", ", Measure.Names)}");
        if (c.Kind == ClaimKind.Correlation && c.Rule.Kind != RuleKind.Spearman)
            Error("rule", "a correlation claim is decided by rule 'spearman'");
        if (c.Kind == ClaimKind.Trend && c.Rule.Kind is not (RuleKind.Spearman or RuleKind.MannKendall))
            Error("rule", "a trend claim is decided by rule 'spearman' or 'mann_kendall'");
        if (c.Kind is ClaimKind.Comparison or ClaimKind.Ordering or ClaimKind.Shape && c.Rule.Kind is not (RuleKind.Fraction or RuleKind.SignTest))
            Error("rule", $"a {Lower(c.Kind)} claim is decided per seed: rule 'fraction' or 'sign_test'");
        if (c.Shape is { } s)
        {
            if (Measure.FindSeries(s.Series) is null) Error("shape.series", $"unknown series '{s.Series}'; series: {string.Join(", ", Measure.SeriesNames)}");
            if (s.DropFactor is null && s.PlateauAfter is null && s.Direction is null && s.Bump is null) Error("shape", "give drop_factor (with by_epoch), plateau_after (with max_later_fraction), direction (increasing, decreasing) or bump ([before, peak, after])");
            if (s.Bump is { } bump && (bump.Count != 3 || bump[0] >= bump[1] || bump[1] >= bump[2])) Error("shape.bump", "a bump is three epochs in order: [before, peak, after]");
            if (s.PlateauAfter is not null && s.MaxLaterFraction is null) Error("shape.max_later_fraction", "plateau_after needs max_later_fraction");
        }
        ValidateExpectations(c, resolved, Error);
    }

    /// <summary>A recorded verdict for every runnable variant (ci always measured; full measured or pending with its reason), evidence for every one that is not holds.</summary>
    static void ValidateExpectations(ClaimSpec c, ResolvedExperiment resolved, Action<string, string> error)
    {
        foreach (var variant in Variants.All)
        {
            var key = variant == Variant.AsWritten ? "" : variant.Key();
            string At(string field) => key.Length == 0 ? field : SpecPath.Child(key, field);
            var declared = variant switch { Variant.AsRun => c.AsRun, Variant.Harness => c.Harness, _ => null };
            var runnable = resolved.Runnable.Contains(variant);
            if (variant != Variant.AsWritten && !resolved.HasVariants)
            {
                if (declared != null) error(key, $"experiment {c.Experiment} declares no variants, so the claim records no '{key}' verdicts");
                continue;
            }
            if (!runnable)
            {
                if (declared != null) error(key, $"experiment {c.Experiment} cannot run {variant.Words()} ({resolved[Profile.Full, variant].Unavailable}); remove '{key}'");
                continue;
            }
            if (variant != Variant.AsWritten && declared == null)
            {
                error(key, $"record the verdicts measured {variant.Words()}: '{key}: {{ expect: …, expect_ci: … }}' (experiment {c.Experiment} runs it)");
                continue;
            }
            var x = c.Expectation(variant);
            if (x.Expect is null && string.IsNullOrWhiteSpace(x.Pending))
                error(At("expect"), "record the full profile's verdict ('expect'), or say why it is not measured yet ('pending')");
            if (x.Expect is not null && !string.IsNullOrWhiteSpace(x.Pending))
                error(At("pending"), "a verdict that is recorded is not pending: remove 'pending' or 'expect'");
            if (x.Expect is null && x.ExpectCi is null)
                error(At("expect_ci"), "the ci profile's verdict is measured by every test run: record it ('expect_ci')");
            var notHolds = new[] { x.Expect, x.ExpectCi }.OfType<Verdict>().FirstOrDefault(v => v != Verdict.Holds, Verdict.Holds);
            if (notHolds != Verdict.Holds && string.IsNullOrWhiteSpace(x.Evidence))
                error(At("evidence"), $"a claim expected to be '{Lower(notHolds)}' must carry its measured evidence");
        }
    }

    /// <summary>The fields each claim kind needs.</summary>
    static void ValidateKind(ClaimSpec c, Action<string, string> error)
    {
        switch (c.Kind)
        {
            case ClaimKind.Range when c.Min is null && c.Max is null:
                error("min", "a range claim needs 'min', 'max' or both");
                break;
            case ClaimKind.Comparison when c.Than is null:
                error("than", "a comparison claim needs 'than' (the model the others are compared with)");
                break;
            case ClaimKind.Ordering when c.Models.Count < 2:
            case ClaimKind.Trend when c.Models.Count < 3:
                error("models", $"a {Lower(c.Kind)} claim needs at least {(c.Kind == ClaimKind.Trend ? 3 : 2)} models in order");
                break;
            case ClaimKind.Trend when c.Direction is null:
                error("direction", "a trend claim needs 'direction' (increasing or decreasing)");
                break;
            case ClaimKind.Correlation when c.Versus is null || c.Direction is null:
                error("versus", "a correlation claim needs 'versus' (the x metric) and 'direction' (increasing or decreasing)");
                break;
            case ClaimKind.Shape when c.Shape is null:
                error("shape", "a shape claim needs 'shape' (series and at least one check)");
                break;
            case ClaimKind.Parameters when c.Counts?.Count != c.Models.Count:
                error("counts", $"a parameters claim needs 'counts': the report's count for each of its {c.Models.Count} models, in order");
                break;
        }
    }

    static string Lower<T>(T value) where T : Enum => SpecPath.SnakeCase(value.ToString());
}
