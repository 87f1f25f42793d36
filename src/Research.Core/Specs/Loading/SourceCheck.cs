using System.Text.RegularExpressions;
using Research.Specs.Yaml;

namespace Research.Specs.Loading;

/// <summary>
/// Every setting of a declared variant names where it comes from (issue 22): the report's text, the
/// report's code (file and cell), or the harness, with the reason. A source key covers the setting it
/// names and everything under it (<c>models</c> covers every model's layers and optimizer; <c>models.*.optimizer</c>
/// every model's optimizer).
/// </summary>
public static partial class SourceCheck
{
    [GeneratedRegex(@"^(text\b|code\b|harness\b.*\bbecause\b)", RegexOptions.Singleline)]
    private static partial Regex Origin();

    /// <summary>The settings whose source must be named, for one resolved experiment.</summary>
    public static IEnumerable<string> Settings(ExperimentSpec e)
    {
        string[] always = ["dataset", "loss", "batch_size", "max_epochs", "seeds", "seeding"];
        foreach (var s in always) yield return s;
        if (e.Convergence != null) yield return "convergence";
        if (e.Shuffle != null) yield return "shuffle";
        if (e.CriticalPoint != null) yield return "critical_point";
        if (e.Analysis != null) yield return "analysis";
        foreach (var (id, m) in e.Models)
        {
            yield return $"models.{id}.layers";
            yield return $"models.{id}.optimizer";
            if (m.BatchSize != null) yield return $"models.{id}.batch_size";
        }
    }

    /// <summary>The source that covers a setting: its own key or the nearest enclosing one (<c>*</c> matches any model).</summary>
    public static string? SourceOf(IReadOnlyDictionary<string, string> sources, string setting)
    {
        var parts = setting.Split('.');
        for (int n = parts.Length; n > 0; n--)
            foreach (var (key, value) in sources)
            {
                var k = key.Split('.');
                if (k.Length == n && k.Select((p, i) => p == "*" || p == parts[i]).All(x => x)) return value;
            }
        return null;
    }

    internal static void Validate(ExperimentSpec e, YamlNode block, string path, SpecBinder binder)
    {
        foreach (var (key, value) in e.Sources)
            if (!Origin().IsMatch(value.Trim()))
                binder.Error(block, SpecPath.Child(SpecPath.Child(path, "sources"), key),
                    $"source of '{key}' must start with 'text' (the report's words), 'code' (file and cell of the report's code) or 'harness' with the reason ('harness: …, because …'): \"{value}\"");
        var missing = Settings(e).Where(s => SourceOf(e.Sources, s) is null).ToList();
        if (missing.Count > 0)
            binder.Error(block, SpecPath.Child(path, "sources"),
                $"{e.Id} {e.Variant.Words()}: name the source of {string.Join(", ", missing)} (under the experiment's or this variant's 'sources')");
    }
}
