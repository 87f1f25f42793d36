using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Research.Diffs;

/// <summary>
/// Writes a plotted series on one line with 7 significant digits, so that results.json stays a few hundred
/// KB and a diff of it reads line by line per series: 7 digits is float32's precision, which is what the
/// networks compute in, and far inside the 1% the baselines allow a series. Non-finite values are written
/// as the project's JSON convention writes them ("NaN", "Infinity").
/// </summary>
public sealed class InlineSeriesConverter : JsonConverter<double[]>
{
    public override double[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("a series must be an array of numbers");
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            values.Add(reader.TokenType switch
            {
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.String => double.Parse(reader.GetString()!, CultureInfo.InvariantCulture),
                _ => throw new JsonException($"a series holds numbers, not {reader.TokenType}"),
            });
        return values.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, double[] value, JsonSerializerOptions options)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < value.Length; i++)
        {
            if (i > 0) text.Append(',');
            var v = value[i];
            text.Append(double.IsFinite(v) ? v.ToString("G7", CultureInfo.InvariantCulture) : $"\"{v.ToString(CultureInfo.InvariantCulture)}\"");
        }
        writer.WriteRawValue(text.Append(']').ToString(), skipInputValidation: true);
    }
}
