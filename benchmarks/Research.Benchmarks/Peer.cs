using System.Diagnostics;
using System.Text.Json;

namespace Research.Benchmarks;

/// <summary>
/// Runs a PyTorch peer script (benchmarks/pytorch/*.py, set up by benchmarks/pytorch/setup.sh) and reads its JSON
/// line. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peer's environment only: set for this
/// machine's TorchSharp build, they held Debian's OpenBLAS to 134–143 GFLOP/s where it otherwise reaches up to
/// 250 (PLATFORM.md), which is not the peer's fair speed.
/// </summary>
static class Peer
{
    public sealed record Result(string Version, double Best, double? MatMulGflops);

    public static Result? Run(string script, int threads, int repeats)
    {
        var path = Find($"benchmarks/pytorch/{script}");
        const string python = "/usr/bin/python3";
        if (path is null || !File.Exists(python)) return null;
        var start = new ProcessStartInfo(python, [path, "--threads", threads.ToString(), "--repeats", repeats.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"(PyTorch peer {script} skipped: it failed — run benchmarks/pytorch/setup.sh to install it)");
                return null;
            }
            using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var root = json.RootElement;
            return new Result(root.GetProperty("torch").GetString()!, root.GetProperty("epoch_seconds_best").GetDouble(),
                root.TryGetProperty("matmul_gflops", out var g) ? g.GetDouble() : null);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or InvalidOperationException)
        {
            Console.WriteLine($"(PyTorch peer {script} skipped: {e.Message})");
            return null;
        }
    }

    static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        return null;
    }
}
