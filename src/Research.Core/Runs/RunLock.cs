using Research.IO;

namespace Research.Runs;

/// <summary>
/// A lock file per run, so that two processes sharing a cache never train the same run twice: the
/// second waits for the first and then reads its result. The OS releases the lock when a holder dies,
/// even under SIGKILL.
/// </summary>
public sealed class RunLock : IDisposable
{
    readonly FileStream _stream;

    RunLock(FileStream stream) => _stream = stream;

    /// <param name="path">The lock file (created if missing).</param>
    /// <param name="onWait">Called once if the lock is held elsewhere and this caller has to wait.</param>
    /// <param name="cancel">Stops waiting.</param>
    public static RunLock Acquire(string path, Action? onWait = null, CancellationToken cancel = default)
    {
        CreateFolder(path);
        var waited = false;
        while (true)
        {
            try
            {
                return Open(path);
            }
            catch (IOException) when (!cancel.IsCancellationRequested && Directory.Exists(Path.GetDirectoryName(path)))
            {
                if (!waited) onWait?.Invoke();
                waited = true;
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The lock if no one else holds it, else null at once (a queue's worker then takes another run).</summary>
    /// <param name="path">The lock file (created if missing).</param>
    public static RunLock? TryAcquire(string path)
    {
        CreateFolder(path);
        try
        {
            return Open(path);
        }
        catch (IOException) when (Directory.Exists(Path.GetDirectoryName(path)))
        {
            return null;
        }
    }

    static void CreateFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageException.Writing(Path.GetDirectoryName(path)!, e, RepoPaths.CacheVariable);
        }
    }

    /// <summary>Opens the lock file exclusively; an IOException when another holder has it.</summary>
    static RunLock Open(string path)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix.
            return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (UnauthorizedAccessException e)
        {
            throw StorageException.Writing(Path.GetDirectoryName(path)!, e, RepoPaths.CacheVariable);
        }
    }

    public void Dispose() => _stream.Dispose();
}
