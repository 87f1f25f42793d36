using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Research.Benchmarks;

if (args is ["breakdown", ..])
{
    StepBreakdown.Run(args.Skip(1).Where(a => !a.StartsWith("--")).Select(int.Parse).FirstOrDefault(200), args.Contains("--channels-last"));
    return;
}

// In-process: the benchmarks load the build's patched libtorch (see build/TorchSharpNativeFix.targets)
// instead of a generated project's copy.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1));
var summary = BenchmarkRunner.Run<TrainingBenchmarks>(config, args);

// What the numbers mean on this machine, per thread count: samples per second and the ratio to the
// matrix-multiply bound measured in the same run.
var threadCounts = summary.Reports.Select(r => (int)r.BenchmarkCase.Parameters["Threads"]).Distinct().Order().ToList();
foreach (var threads in threadCounts)
{
    double? Seconds(string method) => summary.Reports
        .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && (int)r.BenchmarkCase.Parameters["Threads"] == threads)
        ?.ResultStatistics?.Mean / 1e9;
    Console.WriteLine();
    Console.WriteLine($"— {threads} libtorch thread{(threads == 1 ? "" : "s")} —");
    if (Seconds(nameof(TrainingBenchmarks.MatMul)) is not { } matmul)
    {
        Console.WriteLine("(run MatMul too, e.g. --filter '*MatMul*' '*Epoch*', for the ratios to the matrix-multiply bound)");
        continue;
    }
    var rate = TrainingBenchmarks.MatMulFlops / matmul;
    Console.WriteLine($"matrix multiply: {rate / 1e9:F1} GFLOP/s (the bound below is the work at this rate)");
    void Epoch(string method, string what, long flops)
    {
        if (Seconds(method) is not { } s) return;
        Console.WriteLine($"{what}: {s:F2} s = {TrainingBenchmarks.MnistSamples / s:N0} samples/s; bound {flops / rate:F2} s; {s / (flops / rate):F1}x the bound");
    }
    Epoch(nameof(TrainingBenchmarks.MlpEpoch), "§2.1 MLP epoch, batch 64", TrainingBenchmarks.MlpEpochFlops);
    Epoch(nameof(TrainingBenchmarks.MlpEpoch1000), "§3.3 MLP epoch, batch 1,000", TrainingBenchmarks.MlpEpochFlops);
    Epoch(nameof(TrainingBenchmarks.CnnEpoch), "§1.2 CNN-1 epoch, batch 64", TrainingBenchmarks.CnnEpochFlops);
    Epoch(nameof(TrainingBenchmarks.CnnEpochLargest), "§3.2 w1620 CNN epoch, batch 64", TrainingBenchmarks.CnnLargestEpochFlops);
    if (Seconds(nameof(TrainingBenchmarks.FitSteps571)) is { } fit)
        Console.WriteLine($"§1.1 fit: {fit / TrainingBenchmarks.FitSteps * 1e3:F3} ms per full-batch step (1,000 points)");
    if (Seconds(nameof(TrainingBenchmarks.FitSteps571Batched5)) is { } batched && Seconds(nameof(TrainingBenchmarks.FitSteps571)) is { } single)
        Console.WriteLine($"§1.1 fit, {TrainingBenchmarks.BatchedModels} models batched: {batched / TrainingBenchmarks.FitSteps * 1e3:F3} ms per step for all " +
                          $"= {batched / TrainingBenchmarks.FitSteps / TrainingBenchmarks.BatchedModels * 1e3:F3} ms per model-step; {TrainingBenchmarks.BatchedModels * single / batched:F2}x the throughput of separate runs");
    if (Seconds(nameof(TrainingBenchmarks.Hessian1501)) is { } hessian)
        Console.WriteLine($"§2.3 Hessian + eigenvalues: {hessian * 1e3:F0} ms (autograd, one double-backward row per parameter: ~6.5 s)");
    if (Seconds(nameof(TrainingBenchmarks.GradientNormSteps100)) is { } steps && Seconds(nameof(TrainingBenchmarks.Hessian1501)) is { } h)
        Console.WriteLine($"§2.3 gradient-norm step: {(steps - h) / TrainingBenchmarks.GradientNormSteps * 1e3:F2} ms (autograd double backward: ~7.5 ms)");
    if (Seconds(nameof(TrainingBenchmarks.Sensitivity)) is { } sensitivity)
        Console.WriteLine($"§3.3.2 sensitivity: {sensitivity:F2} s for {TrainingBenchmarks.TestSamples:N0} images = {TrainingBenchmarks.TestSamples / sensitivity:N0} images/s " +
                          $"(10 backward passes per batch; bound {10.0 * 4 * 397_510 * TrainingBenchmarks.TestSamples / rate:F2} s)");

    // The peers: the same epochs in PyTorch (Debian's python3-torch with OpenBLAS), measured now, on this machine,
    // on as many threads, so the ratios compare like with like. Skipped when python3 has no torch.
    void Compare(string method, string script, string what)
    {
        if (Seconds(method) is not { } ours || Peer.Run(script, threads, repeats: 2) is not { } peer) return;
        Console.WriteLine($"PyTorch {peer.Version} peer, {what}: {peer.Best:F2} s best of 2" +
                          (peer.MatMulGflops is { } g ? $" (matmul there {g:F1} GFLOP/s)" : "") + $"; TorchSharp/PyTorch = {ours / peer.Best:F2}");
    }
    Compare(nameof(TrainingBenchmarks.MlpEpoch), "mlp_epoch.py", "§2.1 MLP epoch");
    Compare(nameof(TrainingBenchmarks.CnnEpoch), "cnn_epoch.py", "§1.2 CNN-1 epoch (best of NCHW and channels-last)");
}
