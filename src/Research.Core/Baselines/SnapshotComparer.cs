using System.Globalization;
using Research.Specs;

namespace Research.Baselines;

/// <summary>Compares a snapshot with its baseline key by key, each with its tolerance; reports every difference.</summary>
public static class SnapshotComparer
{
    public static IReadOnlyList<BaselineDifference> Compare(Snapshot expected, Snapshot actual, BaselineSpec spec)
    {
        var file = expected.FileName;
        var differences = new List<BaselineDifference>();
        foreach (var key in expected.Metrics.Keys.Union(actual.Metrics.Keys).Order(StringComparer.Ordinal))
        {
            var tolerance = ToleranceFor(key, spec);
            bool hasE = expected.Metrics.TryGetValue(key, out var e), hasA = actual.Metrics.TryGetValue(key, out var a);
            if (!hasE || !hasA || !tolerance.Accepts(e, a))
                differences.Add(new(file, key, hasE ? Show(e) : "(absent)", hasA ? Show(a) : "(absent)", tolerance.ToString()));
        }
        foreach (var key in expected.Series.Keys.Union(actual.Series.Keys).Order(StringComparer.Ordinal))
        {
            var tolerance = spec.Tolerances.GetValueOrDefault("series", spec.Default);
            bool hasE = expected.Series.TryGetValue(key, out var e), hasA = actual.Series.TryGetValue(key, out var a);
            if (!hasE || !hasA)
            {
                differences.Add(new(file, key, hasE ? $"{e!.Length} points" : "(absent)", hasA ? $"{a!.Length} points" : "(absent)", tolerance.ToString()));
                continue;
            }
            if (e!.Length != a!.Length)
            {
                differences.Add(new(file, key, $"{e.Length} points", $"{a.Length} points", tolerance.ToString()));
                continue;
            }
            var bad = Enumerable.Range(0, e.Length).Where(i => !tolerance.Accepts(e[i], a[i])).ToList();
            if (bad.Count > 0)
                differences.Add(new(file, $"{key}[{bad[0]}] (and {bad.Count - 1} more points)", Show(e[bad[0]]), Show(a[bad[0]]), tolerance.ToString()));
        }
        return differences;
    }

    static ToleranceSpec ToleranceFor(string key, BaselineSpec spec) =>
        spec.Tolerances.GetValueOrDefault(key[(key.LastIndexOf('/') + 1)..], spec.Default);

    static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
