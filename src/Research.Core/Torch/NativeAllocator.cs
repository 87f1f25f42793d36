using System.Runtime.InteropServices;

namespace Research.Torch;

/// <summary>
/// glibc's allocator, tuned for libtorch's training loops. By default blocks of a megabyte or two — the
/// activations and gradients of every step here — sit near glibc's dynamic mmap threshold, so many are
/// mapped and unmapped (and their pages zero-faulted) on every step: system time rivalled user time. Fixing
/// the threshold at 64 MB and keeping up to 256 MB of freed heap makes them heap reuse instead. Measured on
/// §2.3 (one repetition, both cores loaded): 10.7–16.4 s → 3.8–5.0 s, system time 8.6 s → 1.2 s. Safe since the
/// optimizers stopped leaking Scalars into freed blocks (issue 9); MemoryTests guards the resident size.
/// Set RESEARCH_MALLOC=default to keep glibc's defaults (for measuring).
/// </summary>
public static class NativeAllocator
{
    const int MTrimThreshold = -1, MTopPad = -2, MMmapThreshold = -3;
    public const int MmapThreshold = 64 << 20, TrimThreshold = 256 << 20, TopPad = 64 << 20;
    static int _configured;

    /// <summary>Whether the tuning is in effect in this process.</summary>
    public static bool Tuned { get; private set; }

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("RESEARCH_MALLOC") == "default") return;
        try
        {
            Tuned = mallopt(MMmapThreshold, MmapThreshold) == 1
                  & mallopt(MTrimThreshold, TrimThreshold) == 1
                  & mallopt(MTopPad, TopPad) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Tuned = false; // not glibc (e.g. musl): keep the defaults
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int param, int value);
}
