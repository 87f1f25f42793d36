using System.Text.Json;
using System.Text.Json.Serialization;

namespace Research.IO;

/// <summary>The one JSON convention of the project: snake_case keys, enums as snake_case strings, indented.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Compact form for hashing: same content, no whitespace.</summary>
    public static readonly JsonSerializerOptions Canonical = new(Options) { WriteIndented = false };
}
