using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.Training;
using Research.IO;

namespace Research.Runs;

/// <summary>
/// Finished runs on disk, one file per run under <c>&lt;cache&gt;/&lt;experiment&gt;/&lt;model&gt;/</c>.
/// A file's first line is the SHA-256 of the JSON below it; files are written to a temporary name and
/// renamed into place, so an interrupted write never leaves a file that reads as a complete result.
/// Weight snapshots go to a binary file beside it, written (and renamed) before the result.
/// </summary>
public sealed class RunCache(string root)
{
    public string Root { get; } = root;

    public string PathOf(string experiment, string model, int seed, string key) =>
        Path.Combine(Root, experiment, model, $"seed{seed}-{key[..16]}.json");

    public RunResult? TryRead(string path) => TryReadJson<RunResult>(path);

    /// <summary>A JSON file in the cache's format (SHA-256 line, then the body); null when missing, truncated or edited.</summary>
    public static T? TryReadJson<T>(string path) where T : class
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path);
        var newline = text.IndexOf('\n');
        if (newline != 64) return null;
        var body = text[(newline + 1)..];
        if (!string.Equals(text[..64], Hash(body), StringComparison.Ordinal)) return null;
        return JsonSerializer.Deserialize<T>(body, Json.Options);
    }

    /// <summary>Writes <paramref name="value"/> in the cache's format, atomically.</summary>
    public void WriteJson<T>(string path, T value)
    {
        var body = JsonSerializer.Serialize(value, Json.Options);
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(Hash(body) + "\n" + body), RepoPaths.CacheVariable, Root);
    }

    /// <summary>The run's weights (if it kept any), then its result: a result on disk always has its weights beside it.</summary>
    public void Write(string path, RunResult result, IReadOnlyList<float[]>? weights)
    {
        if (weights != null)
            AtomicFile.Write(WeightsPathOf(path), stream => WriteWeights(stream, weights), RepoPaths.CacheVariable, Root);
        WriteJson(path, result);
    }

    public IReadOnlyList<float[]>? ReadWeights(string path)
    {
        var file = WeightsPathOf(path);
        if (!File.Exists(file)) return null;
        using var reader = new BinaryReader(File.OpenRead(file));
        int count = reader.ReadInt32(), length = reader.ReadInt32();
        var result = new List<float[]>(count);
        for (int i = 0; i < count; i++)
        {
            var bytes = reader.ReadBytes(length * sizeof(float));
            var array = new float[length];
            Buffer.BlockCopy(bytes, 0, array, 0, bytes.Length);
            result.Add(array);
        }
        return result;
    }

    static string WeightsPathOf(string path) => Path.ChangeExtension(path, ".weights.bin");

    static void WriteWeights(Stream stream, IReadOnlyList<float[]> weights)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(weights.Count);
        writer.Write(weights.Count > 0 ? weights[0].Length : 0);
        foreach (var w in weights)
        {
            var bytes = new byte[w.Length * sizeof(float)];
            Buffer.BlockCopy(w, 0, bytes, 0, bytes.Length);
            writer.Write(bytes);
        }
    }

    static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
}
