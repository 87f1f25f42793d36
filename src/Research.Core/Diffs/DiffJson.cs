using System.Text.Json;
using Research.IO;

namespace Research.Diffs;

/// <summary><c>research diff --json</c>: the same content as the text, in the project's JSON convention, and back.</summary>
public static class DiffJson
{
    public static string Write(ReproductionDiff diff) => JsonSerializer.Serialize(diff, Json.Options) + "\n";

    /// <exception cref="JsonException">The text is not a diff.</exception>
    public static ReproductionDiff Read(string json) =>
        JsonSerializer.Deserialize<ReproductionDiff>(json, Json.Options) ?? throw new JsonException("a diff is an object, not null");
}
