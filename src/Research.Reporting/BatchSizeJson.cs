using System.Text.Json;
using System.Text.Json.Serialization;
using Research.Specs;

namespace Research.Reporting;

/// <summary>A batch size as experiments.yaml writes it: a number, or "full". The report only writes specs.</summary>
internal sealed class BatchSizeJson : JsonConverter<BatchSize>
{
    public override BatchSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("the report only writes specs");

    public override void Write(Utf8JsonWriter writer, BatchSize value, JsonSerializerOptions options)
    {
        if (value.Size is { } n) writer.WriteNumberValue(n);
        else writer.WriteStringValue("full");
    }
}
