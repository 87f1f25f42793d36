using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using FluentAssertions;
using Research.Data;
using Research.Tests.Support;
using Research.IO;

namespace Research.Tests.Data;

public class IdxReaderTests
{
    static byte[] Idx(int[] dims, byte fill = 7)
    {
        int count = dims.Aggregate(1, (a, b) => a * b);
        var bytes = new byte[4 + 4 * dims.Length + count];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        bytes.AsSpan(4 + 4 * dims.Length).Fill(fill);
        return bytes;
    }

    static string Write(string dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void ReadsRawAndGzippedFilesAlike()
    {
        var dir = TestSpecs.TempDir();
        var raw = Write(dir, "a-idx3-ubyte", Idx([3, 2, 2]));
        using (var gz = new GZipStream(File.Create(Path.Combine(dir, "b-idx3-ubyte.gz")), CompressionLevel.Fastest))
            gz.Write(Idx([3, 2, 2]));
        var a = IdxReader.Read(raw);
        var b = IdxReader.Read(Path.Combine(dir, "b-idx3-ubyte.gz"));
        a.Dimensions.Should().Equal(3, 2, 2);
        a.Data.Should().HaveCount(12).And.OnlyContain(x => x == 7);
        b.Sha256.Should().Be(a.Sha256, "the checksum is of the uncompressed bytes");
    }

    [Fact]
    public void MissingFileNamesTheFileAndTheFix()
    {
        var path = Path.Combine(TestSpecs.TempDir(), MnistFiles.TrainImages);
        var act = () => IdxReader.Read(path, fix: MnistFiles.Fix);
        act.Should().Throw<DataException>().Which.Message.Should()
            .Be($"{path}: file not found. {MnistFiles.Fix}");
    }

    [Fact]
    public void TruncatedFileIsRejectedWithTheSizes()
    {
        var path = Write(TestSpecs.TempDir(), "t", Idx([10, 28, 28])[..500]);
        var act = () => IdxReader.Read(path);
        act.Should().Throw<DataException>().Which.Problem.Should()
            .Be("truncated: the header declares 10x28x28 = 7,840 bytes of data but the file holds 484");
    }

    [Fact]
    public void WrongMagicNumberIsRejected()
    {
        var bytes = Idx([2]);
        bytes[0] = 0x1f;
        var path = Write(TestSpecs.TempDir(), "m", bytes);
        var act = () => IdxReader.Read(path);
        act.Should().Throw<DataException>().Which.Problem.Should().StartWith("not an IDX file (magic number 1f 00 08 01");
    }

    [Fact]
    public void ChecksumMismatchIsRejected()
    {
        var path = Write(TestSpecs.TempDir(), "c", Idx([4]));
        var act = () => IdxReader.Read(path, expectedSha256: new string('0', 64));
        act.Should().Throw<DataException>().Which.Problem.Should().StartWith("SHA-256 mismatch: expected 0000");
    }

    [Fact]
    public void ImageAndLabelCountsThatDisagreeAreRejected()
    {
        var dir = TestSpecs.TempDir();
        Write(dir, MnistFiles.TrainImages, Idx([5, 28, 28]));
        Write(dir, MnistFiles.TrainLabels, Idx([4], fill: 1));
        Write(dir, MnistFiles.TestImages, Idx([2, 28, 28]));
        Write(dir, MnistFiles.TestLabels, Idx([2], fill: 1));
        var act = () => MnistLoader.LoadUncached(dir, verify: false);
        act.Should().Throw<DataException>().Which.Message.Should()
            .Contain(MnistFiles.TrainLabels).And.Contain("4 labels for 5 images");
    }

    [Fact]
    public void RealMnistIsTheOriginalSixtyThousandAndTenThousand()
    {
        var set = MnistLoader.Load(new RepoPaths(TestSpecs.RepoRoot).Mnist);
        set.TrainCount.Should().Be(60_000);
        set.TestCount.Should().Be(10_000);
        set.TrainLabels.Take(10).Select(b => (int)b).Should().Equal(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
        set.TrainLabels.Count(l => l == 1).Should().Be(6742);
        set.TrainLabels.Count(l => l == 5).Should().Be(5421);
        Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(MnistFiles.Locate(new RepoPaths(TestSpecs.RepoRoot).Mnist, MnistFiles.TrainImages))))
            .Should().Be("6bbc9ace898e44ae57da46a324031adb");
    }
}
