namespace Research.IO;

/// <summary>A folder the harness must write to cannot be written: names it, the cause, and the fix.</summary>
public sealed class StorageException(string path, string problem, string fix, Exception inner)
    : Exception($"{path}: {problem}. {fix}", inner)
{
    public string Path { get; } = path;

    /// <summary>Wraps an I/O failure while writing under <paramref name="path"/> with a message a user can act on.</summary>
    /// <param name="path">The folder being written.</param>
    /// <param name="e">The failure.</param>
    /// <param name="setting">The variable or option that moves the folder elsewhere.</param>
    public static StorageException Writing(string path, Exception e, string setting)
    {
        const int DiskFull = 28, QuotaExceeded = 122; // ENOSPC, EDQUOT
        var full = e is IOException io && (io.HResult & 0xFFFF) is DiskFull or QuotaExceeded
                   || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);
        return new StorageException(path,
            full ? "the disk is full" : $"cannot write here ({e.Message})",
            full ? $"Free some space, or point {setting} at another disk."
                 : $"Make the folder writable, or point {setting} at a writable folder.",
            e);
    }
}
