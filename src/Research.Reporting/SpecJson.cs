using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Research.Runs;
using Research.Specs;
using static System.FormattableString;
using static Research.Reporting.ReportFormat;
using Research.IO;

namespace Research.Reporting;

/// <summary>
/// Specs as the report shows them: as JSON in the project's convention (<see cref="Json.Options"/>), made
/// for reading (π, — and quotes as themselves, a batch size as in experiments.yaml: 64 or "full"), and
/// flattened to setting path → value for comparing two profiles.
/// </summary>
internal static class SpecJson
{
    static readonly JsonSerializerOptions Options = new(Json.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new BatchSizeJson() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// A resolved spec as setting path → value (lists of plain values kept whole: seeds = [1, 2, 3]), its analyses
    /// included: they stay out of the run key (and the spec's JSON), but they are settings a variant can change.
    /// </summary>
    public static Dictionary<string, string> Flatten(ExperimentSpec e)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonSerializer.SerializeToNode(e, Options), "", values);
        if (e.Analysis is not { } analysis) return values;
        Walk(JsonSerializer.SerializeToNode(analysis with { Interpolation = analysis.Interpolation is { } l ? l with { Pairs = [] } : null }, Options), "analysis", values);
        values.Remove("analysis.interpolation.pairs");
        // A pair in words: its two models and what is done to each point of the line before it is measured.
        var pairs = analysis.Interpolation?.Pairs ?? [];
        for (int i = 0; i < pairs.Count; i++)
            values[Invariant($"analysis.interpolation.pairs[{i}]")] = $"{pairs[i].From} → {pairs[i].To}, " + (pairs[i].Retrain is { } r
                ? Invariant($"each θ(α) trained {r.Epochs} epoch{(r.Epochs == 1 ? "" : "s")} at batch {r.BatchSize}, {r.Optimizer}{(r.Reseed ? ", reshuffled from the seed per α" : "")}")
                : "each θ(α) measured as it is");
        return values;
    }

    static void Walk(JsonNode? node, string path, Dictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o) Walk(child, path.Length == 0 ? key : $"{path}.{key}", values);
                break;
            case JsonArray a when a.All(x => x is JsonValue or null):
                values[path] = a.Count > 0 && a.All(x => x is JsonValue v && v.TryGetValue<int>(out _))
                    ? Seeds(a.Select(x => x!.GetValue<int>()).ToList())
                    : "[" + string.Join(", ", a.Select(x => x?.ToJsonString(Options) ?? "null")) + "]";
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) Walk(a[i], Invariant($"{path}[{i}]"), values);
                break;
            case JsonValue v:
                values[path] = v.TryGetValue<double>(out var d) ? Number(d, "#,0.######") : v.ToJsonString(Options);
                break;
        }
    }
}
