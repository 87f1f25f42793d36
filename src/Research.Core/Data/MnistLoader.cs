using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Research.Data;

/// <summary>Loads MNIST from a folder, verifying every file, once per folder per process.</summary>
public static class MnistLoader
{
    static readonly ConcurrentDictionary<string, Lazy<MnistSet>> Loaded = new();

    public static MnistSet Load(string folder) =>
        Loaded.GetOrAdd(Path.GetFullPath(folder), f => new Lazy<MnistSet>(() => LoadUncached(f))).Value;

    /// <summary>Loads and checks the four files; <paramref name="verify"/> compares them with the pinned SHA-256 (off only for tests of other folders).</summary>
    public static MnistSet LoadUncached(string folder, bool verify = true)
    {
        IdxFile Read(string name) => IdxReader.Read(MnistFiles.Locate(folder, name), verify ? MnistFiles.Sha256[name] : null, MnistFiles.Fix);
        var trainImages = Read(MnistFiles.TrainImages);
        var trainLabels = Read(MnistFiles.TrainLabels);
        var testImages = Read(MnistFiles.TestImages);
        var testLabels = Read(MnistFiles.TestLabels);
        CheckPair(trainImages, trainLabels);
        CheckPair(testImages, testLabels);
        // One checksum for the whole set, recorded in every result's provenance.
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(
            string.Join(",", trainImages.Sha256, trainLabels.Sha256, testImages.Sha256, testLabels.Sha256))));
        return new MnistSet(trainImages.Data, trainLabels.Data, testImages.Data, testLabels.Data, checksum);
    }

    static void CheckPair(IdxFile images, IdxFile labels)
    {
        if (images.Dimensions is not [_, MnistSet.Side, MnistSet.Side])
            throw new DataException(images.Path, $"images should be N×28×28 but are {string.Join("×", images.Dimensions)}", MnistFiles.Fix);
        if (labels.Dimensions.Length != 1)
            throw new DataException(labels.Path, $"labels should be one-dimensional but are {string.Join("×", labels.Dimensions)}", MnistFiles.Fix);
        if (images.Count != labels.Count)
            throw new DataException(labels.Path, $"{labels.Count:N0} labels for {images.Count:N0} images in {Path.GetFileName(images.Path)}", MnistFiles.Fix);
        if (labels.Data.Any(l => l > 9))
            throw new DataException(labels.Path, "labels outside 0–9", MnistFiles.Fix);
    }
}
