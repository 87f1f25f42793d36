namespace Research.Data;

/// <summary>The contents of one IDX file (unsigned-byte data): its dimensions and its bytes.</summary>
public sealed record IdxFile(string Path, int[] Dimensions, byte[] Data, string Sha256)
{
    public int Count => Dimensions[0];
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}
