using System.Diagnostics;
using System.Globalization;

[assembly: AssemblyFixture(typeof(Research.Tests.Support.Scratch))]

namespace Research.Tests.Support;

/// <summary>
/// The scratch folders of one test process: every <see cref="TestSpecs.TempDir"/> lives under
/// <c>$TMP/research-tests/&lt;process id&gt;-&lt;start&gt;/</c>, removed when the assembly's tests end.
/// A process that was killed cannot clean up after itself, so each new session first removes the
/// folders of test processes that are no longer running (and the flat folders older sessions left),
/// so a runner that keeps its temp folder does not grow it without bound.
/// </summary>
public sealed class Scratch : IDisposable
{
    static readonly string Parent = Path.Combine(Path.GetTempPath(), "research-tests");

    /// <summary>This process's folder; its name is the process id and its start time, so another process can tell whether it is still running.</summary>
    public static string Root { get; } = Path.Combine(Parent,
        $"{Environment.ProcessId}-{Process.GetCurrentProcess().StartTime.ToUniversalTime():yyyyMMddHHmmss}");

    public Scratch() => RemoveAbandoned();

    public void Dispose() => TryDelete(Root);

    static void RemoveAbandoned()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var dir in Directory.EnumerateDirectories(Parent))
            if (dir != Root && Abandoned(Path.GetFileName(dir), Directory.GetLastWriteTimeUtc(dir)))
                TryDelete(dir);
    }

    /// <summary>A folder whose process is gone, or (named before sessions had folders) untouched for a day.</summary>
    internal static bool Abandoned(string name, DateTime lastWriteUtc)
    {
        var parts = name.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pid)
            || !DateTime.TryParseExact(parts[1], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started))
            return DateTime.UtcNow - lastWriteUtc > TimeSpan.FromDays(1);
        return !Running(pid, started);
    }

    static bool Running(int pid, DateTime startedUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // A recycled process id belongs to a process started at another time.
            return Math.Abs((process.StartTime.ToUniversalTime() - startedUtc).TotalSeconds) < 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Best effort: a file still open elsewhere (Windows) leaves its folder for the next session's sweep.</summary>
    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
