using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.Specs;
using Research.Torch;
using Research.IO;

namespace Research.Runs;

/// <summary>
/// The cache key of a run: a SHA-256 over everything that can change its numbers — the resolved data set
/// and experiment settings, this model's spec, the seed, the thread count, and the engine and libtorch
/// versions. Descriptive text (titles, labels, notes) is left out, so editing prose keeps the cache.
/// The key hashes the records' JSON: a new spec property changes every key unless it is [JsonIgnore]d
/// (right for settings that never change results, like checkpoint_every) or removed here.
/// </summary>
public static class RunKey
{
    /// <summary>Bump when a change to training alters results for the same spec (or bump <see cref="ConvolutionalEngineVersion"/> when only CNNs change).</summary>
    public const string EngineVersion = "1";

    /// <summary>
    /// The engine version of models with a convolution: "2" since their activations are channels-last (issue 16),
    /// which rounds the convolutions differently; dense-only models train bit for bit as under "1" and keep their keys.
    /// </summary>
    public const string ConvolutionalEngineVersion = "2";

    /// <summary>The engine version that trains <paramref name="model"/>.</summary>
    public static string EngineVersionOf(ModelSpec model) => model.Layers.Any(l => l is Conv2dLayer) ? ConvolutionalEngineVersion : EngineVersion;

    /// <summary>The key of one run; with <c>withNumerics: false</c> the rounding switches are left out (what baselines pin, the same on every machine).</summary>
    public static string For(ExperimentSpec e, DatasetSpec data, string modelId, int seed, bool withNumerics = true)
    {
        var model = e.Models[modelId] with { Label = "", Parameters = null, Reported = null };
        var material = new
        {
            engine = EngineVersionOf(e.Models[modelId]),
            torchsharp = TorchRuntime.TorchSharpVersion,
            libtorch = TorchRuntime.LibTorchVersion,
            data = data with { Description = null },
            experiment = e with { Title = "", Notes = null, Section = "", Seeds = [], Figures = [], Models = new Dictionary<string, ModelSpec>(), Profile = Profile.Full },
            model,
            seed,
        };
        var json = JsonSerializer.Serialize(material, Json.Canonical);
        // With one stream, the models built before this one decide its initial weights.
        if (e.Seeding == SeedingKind.OneStream)
            json += "\nbuilt before: " + JsonSerializer.Serialize(
                e.Models.Values.TakeWhile(m => m.Id != modelId).Select(m => m.Layers).ToList(), Json.Canonical);
        // A run trained under a rounding switch (an ISA cap, MKL_CBWR, …) is another run; under the defaults
        // the key is what it always was, so the cached runs stay valid.
        if (withNumerics && Numerics.Settings.Count > 0) json += "\nnumerics: " + string.Join(" ", Numerics.Settings);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
