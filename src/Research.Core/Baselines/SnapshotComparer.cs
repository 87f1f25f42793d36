using System.Globalization;
using Research.Specs;

namespace Research.Baselines;

/// <summary>
/// Compares a snapshot with its baseline key by key, each with its tolerance; reports every difference.
/// On the machine that accepted the baseline (the same numerics fingerprint) the strict tolerances apply;
/// elsewhere the portable ones, measured between CPUs, and the run keys, which pin every setting exactly.
/// </summary>
public static class SnapshotComparer
{
    /// <summary>Whether the strict tolerances apply: the baseline was accepted under this very fingerprint.</summary>
    public static bool SameMachine(Snapshot expected, Snapshot actual) =>
        expected.Fingerprint is { } f && f == actual.Fingerprint;

    public static IReadOnlyList<BaselineDifference> Compare(Snapshot expected, Snapshot actual, BaselineSpec spec)
    {
        var file = expected.FileName;
        var strict = SameMachine(expected, actual);
        var differences = new List<BaselineDifference>();
        if (expected.RunKeys is { } keys && actual.RunKeys is { } got)
            foreach (var run in keys.Keys.Union(got.Keys).Order(StringComparer.Ordinal))
                if (!keys.TryGetValue(run, out var k) || !got.TryGetValue(run, out var g) || k != g)
                    differences.Add(new(file, $"{run}/run_key", Short(keys.GetValueOrDefault(run)), Short(got.GetValueOrDefault(run)),
                        "exact: a setting that changes the numbers changed"));
        foreach (var key in expected.Metrics.Keys.Union(actual.Metrics.Keys).Order(StringComparer.Ordinal))
        {
            var tolerance = ToleranceOf(expected.Experiment, key, spec, strict, expected.Profile);
            if (tolerance.Unpinned) continue;
            bool hasE = expected.Metrics.TryGetValue(key, out var e), hasA = actual.Metrics.TryGetValue(key, out var a);
            if (!hasE || !hasA || !tolerance.Accepts(e, a))
                differences.Add(new(file, key, hasE ? Show(e) : "(absent)", hasA ? Show(a) : "(absent)", Describe(tolerance, strict)));
        }
        foreach (var key in expected.Series.Keys.Union(actual.Series.Keys).Order(StringComparer.Ordinal))
        {
            var tolerance = ToleranceFor(expected.Experiment, "series", spec, strict, expected.Profile);
            bool hasE = expected.Series.TryGetValue(key, out var e), hasA = actual.Series.TryGetValue(key, out var a);
            if (tolerance.Unpinned) continue;
            if (!hasE || !hasA)
            {
                differences.Add(new(file, key, hasE ? $"{e!.Length} points" : "(absent)", hasA ? $"{a!.Length} points" : "(absent)", Describe(tolerance, strict)));
                continue;
            }
            if (e!.Length != a!.Length)
            {
                differences.Add(new(file, key, $"{e.Length} points", $"{a.Length} points", Describe(tolerance, strict)));
                continue;
            }
            var bad = Enumerable.Range(0, e.Length).Where(i => !tolerance.Accepts(e[i], a[i])).ToList();
            if (bad.Count > 0)
                differences.Add(new(file, $"{key}[{bad[0]}] (and {bad.Count - 1} more points)", Show(e[bad[0]]), Show(a[bad[0]]), Describe(tolerance, strict)));
        }
        return differences;
    }

    /// <summary>The tolerance of one metric key (<c>model/seedN/metric</c>): its metric's strict one, or its portable one on another machine.</summary>
    /// <remarks>On another machine, a portable entry keyed by the snapshot's <paramref name="profile"/> (<c>full:experiment/…</c>) wins over the profile-free ones.</remarks>
    public static ToleranceSpec ToleranceOf(string experiment, string key, BaselineSpec spec, bool strict, string? profile = null) =>
        ToleranceFor(experiment, key[(key.LastIndexOf('/') + 1)..], spec, strict, profile);

    static ToleranceSpec ToleranceFor(string experiment, string metric, BaselineSpec spec, bool strict, string? profile)
    {
        if (strict) return spec.Tolerances.GetValueOrDefault(metric, spec.Default);
        string[] keys = [$"{experiment}/{metric}", $"{experiment}/*", metric];
        // A profile's own measurement first: the full profile's longer runs can drift apart across CPUs where ci's agree.
        foreach (var key in (profile is null ? [] : keys[..2].Select(k => $"{profile}:{k}")).Concat(keys))
            if (spec.Portable.TryGetValue(key, out var tolerance)) return tolerance;
        return spec.PortableDefault;
    }

    static string Describe(ToleranceSpec tolerance, bool strict) => strict ? tolerance.ToString() : $"{tolerance}, portable: another machine";

    static string Short(string? key) => key is null ? "(absent)" : key[..Math.Min(12, key.Length)];

    static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
