using System.Text;
using System.Text.Json;
using Research.IO;

namespace Research.Diffs;

/// <summary>results.json, the machine-readable record a report folder holds beside REPORT.md (see <see cref="ReproductionRecord"/>).</summary>
public static class ResultsFile
{
    public const string FileName = "results.json";

    /// <summary>The project's JSON convention, with series written one per line.</summary>
    static readonly JsonSerializerOptions Options = new(Json.Options) { Converters = { new InlineSeriesConverter() } };

    public static string Serialize(ReproductionRecord record) => JsonSerializer.Serialize(record, Options) + "\n";

    public static void Write(ReproductionRecord record, string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), Encoding.UTF8.GetBytes(Serialize(record)), "--out");

    /// <summary>Reads results.json; <paramref name="name"/> is how messages name it (a path, or commit:path).</summary>
    /// <exception cref="RecordException">It cannot be read, is not JSON of this shape, or has another schema.</exception>
    public static ReproductionRecord Parse(string text, string name)
    {
        ReproductionRecord? record;
        try
        {
            using (var probe = JsonDocument.Parse(text))
                if (!probe.RootElement.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Number || schema.GetInt32() != ReproductionRecord.SchemaVersion)
                    throw new RecordException(name, $"is not a results.json of schema {ReproductionRecord.SchemaVersion}",
                        "regenerate it with `research report` of this version");
            record = JsonSerializer.Deserialize<ReproductionRecord>(text, Options);
        }
        catch (JsonException e)
        {
            throw new RecordException(name, $"is not valid results.json ({e.Message})", "regenerate it with `research report`");
        }
        return record ?? throw new RecordException(name, "is empty", "regenerate it with `research report`");
    }

    public static ReproductionRecord Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordException(path, $"cannot be read ({e.Message})", "check the path and its permissions");
        }
        return Parse(text, path);
    }
}
