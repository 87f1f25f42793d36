using System.Security.Cryptography;
using Research.IO;
using static TorchSharp.torch;

namespace Research.Training;

/// <summary>
/// A run's training state every few epochs, so that a long run killed part-way resumes where it stopped
/// and ends with the same result as an uninterrupted one. The file is the payload followed by its
/// SHA-256, written under a temporary name and renamed: a torn or corrupt checkpoint is ignored (the run
/// starts over), never half-read.
/// </summary>
public static class TrainingCheckpoint
{
    public static void Write(string path, Action<BinaryWriter> write)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        var bytes = payload.ToArray();
        AtomicFile.Write(path, file =>
        {
            file.Write(bytes);
            file.Write(SHA256.HashData(bytes));
        }, RepoPaths.CacheVariable);
    }

    /// <summary>The verified payload, or null when there is no checkpoint or it fails its checksum.</summary>
    public static BinaryReader? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        var all = File.ReadAllBytes(path);
        if (all.Length < 32) return null;
        var payload = all[..^32];
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(all.AsSpan(all.Length - 32))) return null;
        return new BinaryReader(new MemoryStream(payload));
    }

    public static void Delete(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    // Tensors and arrays, as the trainer and optimizers store them.

    public static void WriteTensor(this BinaryWriter w, Tensor t)
    {
        // Each step's result is owned here: a temporary that is only the receiver of the next call could be freed by its
        // finalizer while that call's kernel still reads it (the checkpoint path, every checkpoint_every epochs).
        using var detached = t.detach();
        using var contiguous = detached.contiguous();
        using var cpu = contiguous.to_type(float32);
        var values = cpu.data<float>().ToArray();
        w.WriteFloats(values);
    }

    /// <summary>Reads values written by <see cref="WriteTensor"/> into <paramref name="target"/> in place.</summary>
    public static void ReadTensorInto(this BinaryReader r, Tensor target)
    {
        var values = r.ReadFloats();
        if (values.Length != target.numel())
            throw new InvalidDataException($"the checkpoint holds {values.Length:N0} values where the model has a tensor of {target.numel():N0}: it is not this run's");
        using var _ = no_grad();
        using var flat = tensor(values);
        using var source = flat.reshape(target.shape);
        target.copy_(source);
    }

    public static void WriteFloats(this BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        w.Write(bytes);
    }

    public static float[] ReadFloats(this BinaryReader r)
    {
        var values = new float[r.ReadInt32()];
        Buffer.BlockCopy(r.ReadBytes(values.Length * sizeof(float)), 0, values, 0, values.Length * sizeof(float));
        return values;
    }

    public static void WriteDoubles(this BinaryWriter w, IReadOnlyList<double> values)
    {
        w.Write(values.Count);
        foreach (var v in values) w.Write(v);
    }

    public static List<double> ReadDoubles(this BinaryReader r) => Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadDouble()).ToList();

    public static void WriteInts(this BinaryWriter w, IReadOnlyList<int> values)
    {
        w.Write(values.Count);
        foreach (var v in values) w.Write(v);
    }

    public static List<int> ReadInts(this BinaryReader r) => Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadInt32()).ToList();

    /// <summary>A generator's state (a byte tensor).</summary>
    public static void WriteState(this BinaryWriter w, Tensor state)
    {
        var bytes = state.data<byte>().ToArray();
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    public static Tensor ReadState(this BinaryReader r) => tensor(r.ReadBytes(r.ReadInt32()), dtype: uint8);
}
