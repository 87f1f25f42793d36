using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Research.Data;

/// <summary>
/// Reads IDX files (LeCun's MNIST format), raw or gzip-compressed, and checks them: magic number,
/// declared size against actual size, and the SHA-256 of the uncompressed bytes when one is expected.
/// Never returns a partial array.
/// </summary>
public static class IdxReader
{
    const byte UnsignedByte = 0x08;

    public static IdxFile Read(string path, string? expectedSha256 = null, string fix = "Delete it and run ./build.sh data to fetch it again.")
    {
        if (!File.Exists(path))
            throw new DataException(path, "file not found", fix);
        byte[] bytes;
        try
        {
            bytes = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Gunzip(path) : File.ReadAllBytes(path);
        }
        catch (InvalidDataException e)
        {
            throw new DataException(path, $"not a readable gzip file ({e.Message})", fix);
        }
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new DataException(path, $"not an IDX file (magic number {Hex(bytes)} should start 00 00)", fix);
        if (bytes[2] != UnsignedByte)
            throw new DataException(path, $"IDX element type 0x{bytes[2]:x2} is not unsigned byte (0x08)", fix);
        int rank = bytes[3];
        if (rank is < 1 or > 4 || bytes.Length < 4 + 4 * rank)
            throw new DataException(path, $"IDX header is truncated or has rank {rank}", fix);
        var dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dims[i] < 0) throw new DataException(path, $"IDX dimension {i} is negative", fix);
            expected *= dims[i];
        }
        int header = 4 + 4 * rank;
        long actual = bytes.Length - header;
        if (actual < expected)
            throw new DataException(path, $"truncated: the header declares {string.Join("x", dims)} = {expected:N0} bytes of data but the file holds {actual:N0}", fix);
        if (actual > expected)
            throw new DataException(path, $"{actual - expected:N0} unexpected bytes after the declared {string.Join("x", dims)} data", fix);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (expectedSha256 != null && !string.Equals(sha, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new DataException(path, $"SHA-256 mismatch: expected {expectedSha256}, got {sha} (corrupt, or not the original file)", fix);
        return new IdxFile(path, dims, bytes[header..], sha);
    }

    static byte[] Gunzip(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    static string Hex(byte[] b) => string.Join(" ", b.Take(4).Select(x => x.ToString("x2")));
}
