namespace Research.Data;

/// <summary>MNIST as loaded and verified: images as bytes (N×28×28) and labels.</summary>
public sealed record MnistSet(byte[] TrainImages, byte[] TrainLabels, byte[] TestImages, byte[] TestLabels, string Checksum)
{
    public const int Side = 28;
    public int TrainCount => TrainLabels.Length;
    public int TestCount => TestLabels.Length;
}
