using System.Collections.Concurrent;
using System.Security.Cryptography;
using Research.Specs;
using TorchSharp;
using static TorchSharp.torch;
using Research.IO;

namespace Research.Data;

/// <summary>
/// Turns a data set spec into tensors, once per process per distinct request: MNIST scaled to [0, 1]
/// (ToTensor's convention) as N×1×28×28 float32 with int64 labels; function fits as N×1 float32.
/// </summary>
public sealed class DataFactory(string mnistFolder)
{
    readonly ConcurrentDictionary<string, Lazy<TrainingData>> _cache = new();

    public TrainingData Get(DatasetSpec data, int? trainSamples, int? testSamples) =>
        // Keyed by the spec's content (a record's ToString prints lists by type name, not by value).
        _cache.GetOrAdd($"{System.Text.Json.JsonSerializer.Serialize(data, Json.Canonical)}|{trainSamples}|{testSamples}",
            _ => new Lazy<TrainingData>(() => Create(data, trainSamples, testSamples))).Value;

    TrainingData Create(DatasetSpec data, int? trainSamples, int? testSamples)
    {
        // Data tensors outlive every dispose scope: they belong to the process-wide cache.
        using var _ = NewDisposeScope();
        var result = data.Kind switch
        {
            DatasetKind.Function => Function(data),
            DatasetKind.Mnist => Mnist(data, trainSamples, testSamples),
            _ => throw new ArgumentOutOfRangeException(nameof(data)),
        };
        foreach (var t in new[] { result.TrainX, result.TrainY, result.TestX, result.TestY })
            t?.DetachFromDisposeScope(); // not into a caller's scope: the cache keeps them for the process
        return result;
    }

    static TrainingData Function(DatasetSpec data)
    {
        var (x, y) = TargetFunctions.Sample(data.Function!.Value, data.Domain![0], data.Domain[1], data.Points);
        var tx = tensor(x.Select(v => (float)v).ToArray(), [x.Length, 1]);
        var ty = tensor(y.Select(v => (float)v).ToArray(), [y.Length, 1]);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(tx.data<float>().ToArray().SelectMany(BitConverter.GetBytes).Concat(ty.data<float>().ToArray().SelectMany(BitConverter.GetBytes)).ToArray()));
        return new TrainingData($"{TargetFunctions.Formula(data.Function.Value)} on [{data.Domain[0]}, {data.Domain[1]}], {data.Points} points", tx, ty, null, null, checksum);
    }

    TrainingData Mnist(DatasetSpec data, int? trainSamples, int? testSamples)
    {
        var set = MnistLoader.Load(mnistFolder);
        int nTrain = Math.Min(trainSamples ?? set.TrainCount, set.TrainCount), nTest = Math.Min(testSamples ?? set.TestCount, set.TestCount);
        var trainLabels = RandomLabels.Apply(data.Labels, set.TrainLabels, data.LabelSeed);
        var labels = RandomLabels.Describe(data.Labels, data.LabelSeed);
        return new TrainingData(
            $"MNIST {nTrain:N0} train / {nTest:N0} test{(labels == "" ? "" : ", " + labels)}",
            Images(set.TrainImages, nTrain), Labels(trainLabels, nTrain),
            Images(set.TestImages, nTest), Labels(set.TestLabels, nTest), set.Checksum);
    }

    static Tensor Images(byte[] bytes, int count)
    {
        var pixels = new float[count * MnistSet.Side * MnistSet.Side];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = bytes[i] / 255f;
        return tensor(pixels, [count, 1, MnistSet.Side, MnistSet.Side]);
    }

    static Tensor Labels(byte[] bytes, int count) => tensor(bytes.Take(count).Select(b => (long)b).ToArray(), [count]);
}
