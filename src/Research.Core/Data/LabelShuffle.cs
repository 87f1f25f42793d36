namespace Research.Data;

/// <summary>
/// Random labels for §3.1: a seeded permutation of the training labels (class counts unchanged).
/// SplitMix64 + Fisher–Yates, so the permutation is fixed by the seed alone, on any runtime.
/// </summary>
public static class LabelShuffle
{
    public static byte[] Permute(byte[] labels, int seed)
    {
        var result = (byte[])labels.Clone();
        ulong state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        for (int i = result.Length - 1; i > 0; i--)
        {
            int j = (int)(Next(ref state) % (ulong)(i + 1));
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
