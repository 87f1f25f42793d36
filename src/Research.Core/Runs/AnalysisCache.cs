using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.IO;
using Research.Training;

namespace Research.Runs;

/// <summary>
/// Analysis results of one engine (PCA, interpolation curves, sensitivities): cached beside the runs,
/// keyed by the runs they read and the analysis spec, and computed at most once per engine however
/// many callers ask at the same time, like the runs themselves.
/// </summary>
public sealed class AnalysisCache(RunCache cache)
{
    /// <summary>Bump when an analysis computes something new or different, so cached analysis results are recomputed (runs are kept).</summary>
    public const int AnalysisVersion = 2;

    readonly ConcurrentDictionary<string, Lazy<object>> _memo = new();

    /// <summary>An analysis result, from this engine's memo, the cache, or computed and stored.</summary>
    /// <param name="experiment">The experiment's id (the cache folder).</param>
    /// <param name="name">The analysis and what it reads, e.g. <c>sensitivity-batch-64-seed1</c>.</param>
    /// <param name="spec">The analysis's settings (part of the key).</param>
    /// <param name="runs">The runs it reads (their keys are part of the key).</param>
    /// <param name="compute">Computes it when it is not cached.</param>
    public T GetOrCompute<T>(string experiment, string name, object spec, IReadOnlyList<RunResult> runs, Func<T> compute) where T : class
    {
        var material = JsonSerializer.Serialize(new { engine = RunKey.EngineVersion, analyses = AnalysisVersion, analysis = name, spec, runs = runs.Select(r => r.Provenance.RunKey) }, Json.Canonical);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..16];
        var path = Path.Combine(cache.Root, "_analyses", experiment, $"{name}-{key}.json");
        var lazy = _memo.GetOrAdd(path, _ => new Lazy<object>(() =>
        {
            if (RunCache.TryReadJson<T>(path) is { } cached) return cached;
            var value = compute();
            cache.WriteJson(path, value);
            return value;
        }));
        try { return (T)lazy.Value; }
        catch { _memo.TryRemove(path, out _); throw; }
    }
}
