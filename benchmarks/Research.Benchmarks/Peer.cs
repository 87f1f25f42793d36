using System.Diagnostics;
using System.Text.Json;

namespace Research.Benchmarks;

/// <summary>Runs benchmarks/pytorch/mlp_epoch.py and reads its JSON line.</summary>
static class Peer
{
    public sealed record Result(string Version, double Best, int Count, double MatMulGflops);

    public static Result? Run(int threads)
    {
        var script = Find("benchmarks/pytorch/mlp_epoch.py");
        var python = new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p => p.Contains('/') ? File.Exists(p) : true);
        if (script is null || python is null) return null;
        var start = new ProcessStartInfo(python, [script, "--threads", threads.ToString(), "--repeats", "2"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"(PyTorch peer skipped: {python} {script} failed — install python3-torch with apt to compare)");
                return null;
            }
            using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var root = json.RootElement;
            return new Result(root.GetProperty("torch").GetString()!, root.GetProperty("epoch_seconds_best").GetDouble(),
                root.GetProperty("epoch_seconds").GetArrayLength(), root.GetProperty("matmul_gflops").GetDouble());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or InvalidOperationException)
        {
            Console.WriteLine($"(PyTorch peer skipped: {e.Message})");
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
