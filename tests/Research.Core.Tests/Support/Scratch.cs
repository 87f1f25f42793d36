[assembly: AssemblyFixture(typeof(Research.Tests.Support.Scratch))]

namespace Research.Tests.Support;

/// <summary>
/// The scratch folders of one test process: every <see cref="TestSpecs.TempDir"/> lives under
/// <c>$TMP/research-tests/&lt;process id&gt;-&lt;random&gt;/</c>, removed when the assembly's tests end. The folder holds
/// a lock file the process keeps open, exclusively, while it runs. A process that was killed cannot clean up after
/// itself, so each new session first removes the folders whose lock it can take (their process is gone; the
/// operating system released the lock), and the flat folders older sessions left once they are a day old, so a
/// runner that keeps its temp folder does not grow it without bound.
/// </summary>
public sealed class Scratch : IDisposable
{
    const string LockName = ".session.lock";
    static readonly string Parent = Path.Combine(Path.GetTempPath(), "research-tests");

    /// <summary>This process's folder, made and locked on first use.</summary>
    public static string Root { get; } = Path.Combine(Parent, $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    static readonly FileStream Held = Hold(Root);

    static FileStream Hold(string root)
    {
        Directory.CreateDirectory(root);
        return new FileStream(Path.Combine(root, LockName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
    }

    public Scratch() => RemoveAbandoned();

    public void Dispose()
    {
        Held.Dispose();
        TryDelete(Root);
    }

    static void RemoveAbandoned()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var dir in Directory.EnumerateDirectories(Parent))
            if (dir != Root && Abandoned(dir))
                TryDelete(dir);
    }

    /// <summary>A session folder whose lock nobody holds, or a folder without one (left before sessions had them) untouched for a day.</summary>
    internal static bool Abandoned(string dir)
    {
        var lockFile = Path.Combine(dir, LockName);
        if (!File.Exists(lockFile))
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > TimeSpan.FromDays(1);
        try
        {
            using var taken = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // held: its process is running
        }
    }

    /// <summary>Best effort: a file still open elsewhere (Windows) leaves its folder for the next session's sweep.</summary>
    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
