namespace Research.IO;

/// <summary>
/// The one way the harness writes a file: to a temporary name beside the target, flushed to disk, then
/// renamed over it. A reader (another process, the next run, a crashed one resumed) never sees half a
/// file, and an interrupted write leaves only the temporary, which is removed.
/// </summary>
public static class AtomicFile
{
    /// <param name="path">The file to (re)write.</param>
    /// <param name="bytes">Its whole content.</param>
    /// <param name="setting">The option or variable that moves the folder, named in the error.</param>
    /// <param name="folder">The folder the error names (default: the file's).</param>
    public static void Write(string path, byte[] bytes, string setting = "--out", string? folder = null) =>
        Write(path, stream => stream.Write(bytes), setting, folder);

    /// <summary>Writes what <paramref name="write"/> puts into the stream; a <see cref="StorageException"/> names the folder and the fix.</summary>
    public static void Write(string path, Action<Stream> write, string setting = "--out", string? folder = null)
    {
        var full = Path.GetFullPath(path);
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageException.Writing(folder ?? Path.GetDirectoryName(full)!, e, setting);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
