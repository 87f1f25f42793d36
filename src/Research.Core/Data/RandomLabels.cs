using Research.Specs;

namespace Research.Data;

/// <summary>
/// Random training labels for §3.1, fixed by their seed alone on any runtime (SplitMix64):
/// <see cref="LabelKind.Random"/> permutes MNIST's own labels (Fisher–Yates, class counts kept);
/// <see cref="LabelKind.Uniform"/> draws each label independently from 0–9, as the report's code did
/// (<c>np.random.randint(0, 10, 60000)</c>, unseeded there), so class counts vary.
/// </summary>
public static class RandomLabels
{
    public static byte[] Apply(LabelKind kind, byte[] labels, int seed) => kind switch
    {
        LabelKind.True => labels,
        LabelKind.Random => Permute(labels, seed),
        LabelKind.Uniform => Uniform(labels.Length, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>How a data set's training labels were made, for logs and the report; "" for true labels.</summary>
    public static string Describe(LabelKind kind, int seed) => kind switch
    {
        LabelKind.Random => $"training labels permuted (seed {seed})",
        LabelKind.Uniform => $"training labels drawn uniformly from 0–9 (seed {seed})",
        _ => "",
    };

    public static byte[] Permute(byte[] labels, int seed)
    {
        var result = (byte[])labels.Clone();
        ulong state = Start(seed);
        for (int i = result.Length - 1; i > 0; i--)
        {
            int j = (int)(Next(ref state) % (ulong)(i + 1));
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    public static byte[] Uniform(int count, int seed)
    {
        var result = new byte[count];
        ulong state = Start(seed);
        for (int i = 0; i < count; i++) result[i] = (byte)(Next(ref state) % 10);   // bias of 2^64 mod 10 is < 1e-18
        return result;
    }

    static ulong Start(int seed) => (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;

    static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
