namespace Research.Runs;

/// <summary>A folder the harness must write to cannot be written: names it, the cause, and the fix.</summary>
public sealed class StorageException(string path, string problem, string fix, Exception inner)
    : Exception($"{path}: {problem}. {fix}", inner)
{
    public string Path { get; } = path;

    /// <summary>Wraps an I/O failure while writing under <paramref name="path"/> with a message a user can act on.</summary>
    public static StorageException Writing(string path, Exception e, string variable)
    {
        const int DiskFull = 28; // ENOSPC
        var full = e is IOException io && (io.HResult & 0xFFFF) == DiskFull;
        return new StorageException(path,
            full ? "the disk is full" : $"cannot write here ({e.Message})",
            full ? "Free some space, or point " + variable + " at another disk."
                 : $"Make the folder writable, or point {variable} at a writable folder.",
            e);
    }
}
