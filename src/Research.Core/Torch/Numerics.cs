using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace Research.Torch;

/// <summary>
/// What decides the rounding of libtorch's kernels in this process, and the one fix it needs.
/// <list type="bullet">
/// <item>The switches that change rounding (<see cref="Switches"/>: oneDNN's ISA cap, ATen's CPU
/// capability, MKL's conditional numerical reproducibility). A run trained under any of them gets its own
/// cache key; the default (none set) keeps the keys it always had.</item>
/// <item>The machine's <see cref="Fingerprint"/>: those switches plus the CPU model and its vector
/// extensions. Baselines compare strictly on the fingerprint that accepted them and with the portable
/// tolerances elsewhere (issue 13).</item>
/// <item>Zero-filled allocations. oneDNN's blocked convolution layouts pad channels to 8 or 16 lanes and
/// multiply the padding, which nothing initialises, by zero weights: finite garbage gives 0, a NaN left
/// in the heap gives NaN, and the CNN diverges at random (every time under an AVX2 cap on some
/// machines). c10's allocator can zero every CPU allocation; that cost nothing measurable in PLATFORM.md's CNN benchmark and changes
/// no finite result (measured on the ci CNNs). <c>RESEARCH_ALLOCATOR_FILL=junk</c> fills with NaNs instead,
/// to make the bug show where the heap allows it; <c>none</c> leaves libtorch's default.</item>
/// </list>
/// </summary>
public static class Numerics
{
    public const string FillVariable = "RESEARCH_ALLOCATOR_FILL";

    /// <summary>Environment switches that change libtorch's rounding on x86-64 (read when the process starts).</summary>
    public static readonly string[] Switches = ["ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY", "MKL_CBWR"];

    static int _configured;

    /// <summary>How new CPU allocations are filled: zero (the default here), junk (NaN) or none.</summary>
    public static string Fill { get; private set; } = "none";

    /// <summary>The rounding switches set in this process, name=value, sorted; empty under the defaults.</summary>
    public static IReadOnlyList<string> Settings { get; } = Switches
        .Where(s => Environment.GetEnvironmentVariable(s) is { Length: > 0 })
        .Select(s => $"{s}={Environment.GetEnvironmentVariable(s)}").Order(StringComparer.Ordinal).ToList();

    /// <summary>A sentence for provenance and reports: the switches, or "libtorch defaults".</summary>
    public static string Mode => (Settings.Count == 0 ? "libtorch defaults" : string.Join(" ", Settings)) + $", allocations {Fill}-filled";

    /// <summary>CPU model, its vector extensions, and the switches: what a bit-identical result needs to share.</summary>
    public static string Machine => _machine.Value;

    static readonly Lazy<string> _machine = new(() => $"{TorchRuntime.CpuModel}{CpuGeneration()} [{string.Join(" ", VectorFlags())}]" +
                                            (Settings.Count == 0 ? "" : $" under {string.Join(" ", Settings)}") + $", libtorch {TorchRuntime.LibTorchVersion}");

    /// <summary>A short hash of <see cref="Machine"/>.</summary>
    public static string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Machine)))[..12];

    /// <summary>Sets the allocator's fill before the first tensor is allocated; idempotent.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        var wanted = Environment.GetEnvironmentVariable(FillVariable) is { Length: > 0 } v ? v.ToLowerInvariant() : "zero";
        if (wanted is not ("zero" or "junk" or "none"))
            throw new InvalidOperationException($"{FillVariable}={wanted}: expected zero, junk or none");
        if (wanted == "none") return;
        torch.InitializeDeviceType(DeviceType.CPU); // loads libtorch, and so c10
        var flag = wanted == "zero" ? "FLAGS_caffe2_cpu_allocator_do_zero_fill" : "FLAGS_caffe2_cpu_allocator_do_junk_fill";
        if (C10Export(flag) is not { } address)
            throw new InvalidOperationException($"libc10 does not export {flag}: this libtorch cannot zero-fill allocations, which CNNs need (issue 13); set {FillVariable}=none to train without it");
        Marshal.WriteByte(address, 1);
        Fill = wanted;
    }

    static IntPtr? C10Export(string name)
    {
        var folder = Path.GetDirectoryName(typeof(torch).Assembly.Location)!;
        string file = OperatingSystem.IsWindows() ? "c10.dll" : OperatingSystem.IsMacOS() ? "libc10.dylib" : "libc10.so";
        foreach (var candidate in new[] { file, Path.Combine(folder, file), Path.Combine(folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file) }
                     .Concat(Directory.Exists(Path.Combine(folder, "runtimes")) ? Directory.EnumerateFiles(Path.Combine(folder, "runtimes"), file, SearchOption.AllDirectories) : []))
            if (NativeLibrary.TryLoad(candidate, typeof(Numerics).Assembly, DllImportSearchPath.SafeDirectories, out var lib)
                && NativeLibrary.TryGetExport(lib, name, out var address))
                return address;
        return null;
    }

    /// <summary>
    /// Family, model and cache size: virtual machines often report only "AMD EPYC", and oneDNN's kernels
    /// depend on more than the vector extensions (two EPYCs with the same flags gave CNN test accuracies of
    /// 57.25% and 55.15%).
    /// </summary>
    static string CpuGeneration()
    {
        try
        {
            var fields = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0)
                .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
            var parts = new[] { ("cpu family", "family"), ("model", "model"), ("cache size", "cache") }
                .Where(f => fields.ContainsKey(f.Item1)).Select(f => $"{f.Item2} {fields[f.Item1]}").ToList();
            return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
        }
        catch (IOException)
        {
            return "";
        }
    }

    static IEnumerable<string> VectorFlags()
    {
        string[] wanted = ["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_vp2intersect", "avx512_fp16", "amx_tile", "neon", "sve"];
        try
        {
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal));
            var have = flags?.Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet() ?? [];
            return wanted.Where(have.Contains);
        }
        catch (IOException)
        {
            return [RuntimeInformation.ProcessArchitecture.ToString()];
        }
    }
}
