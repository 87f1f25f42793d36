using System.Reflection;
using TorchSharp;

namespace Research.Torch;

/// <summary>Versions and host facts recorded in provenance, and the one place that sets libtorch's threads.</summary>
public static class TorchRuntime
{
    static TorchRuntime()
    {
        NativeAllocator.Configure();
        Numerics.Configure();
    }

    public static string TorchSharpVersion { get; } =
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>libtorch-cpu's version, as pinned by the TorchSharp-cpu package this build uses.</summary>
    public const string LibTorchVersion = "2.10.0";

    public static string Cpu { get; } = ReadCpuModel();

    /// <summary>The CPU's model name alone (no core count).</summary>
    public static string CpuModel => Cpu.Split(", ")[0];

    /// <summary>
    /// libtorch's global generator and thread count are process-wide: whoever seeds or sets threads and
    /// then relies on them (a training run, a test building a seeded model) holds this lock meanwhile.
    /// </summary>
    public static readonly Lock Global = new();

    /// <summary>
    /// Training runs share the process: a run that touches libtorch's global state only while it is being
    /// seeded and built (one thread, no dropout) holds this as a reader, so several train at once, one per
    /// core; a run that keeps using global state (dropout draws from the global generator; another thread
    /// count resizes the process-wide pool) holds it as the writer and trains alone.
    /// </summary>
    public static readonly ReaderWriterLockSlim Runs = new(LockRecursionPolicy.SupportsRecursion);

    public static string Os { get; } = System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    /// <summary>Intra-op and inter-op threads; results are bit-identical only for the same count.</summary>
    public static void SetThreads(int threads)
    {
        if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
    }

    static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return (line?.Split(':', 2)[1].Trim() ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString())
                   + $", {Environment.ProcessorCount} logical cores";
        }
        catch (IOException)
        {
            return $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores";
        }
    }
}
