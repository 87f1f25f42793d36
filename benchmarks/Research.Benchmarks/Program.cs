using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Research.Benchmarks;

// In-process: the benchmarks load the build's patched libtorch (see build/TorchSharpNativeFix.targets)
// instead of a generated project's copy.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1));
var summary = BenchmarkRunner.Run<TrainingBenchmarks>(config, args);

// What the numbers mean on this machine: samples per second and the ratio to the matrix-multiply bound.
double Seconds(string method) =>
    summary.Reports.First(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method).ResultStatistics!.Mean / 1e9;
var matmulRate = TrainingBenchmarks.MatMulFlops / Seconds(nameof(TrainingBenchmarks.MatMul));
var epoch = Seconds(nameof(TrainingBenchmarks.MlpEpoch));
var fit = Seconds(nameof(TrainingBenchmarks.FitSteps571));
Console.WriteLine();
Console.WriteLine($"matrix multiply (1 thread): {matmulRate / 1e9:F1} GFLOP/s");
Console.WriteLine($"§2.1 MLP epoch: {epoch:F2} s = {TrainingBenchmarks.MnistSamples / epoch:N0} samples/s; " +
                  $"bound at the matmul rate {TrainingBenchmarks.MlpEpochFlops / matmulRate:F2} s; {epoch / (TrainingBenchmarks.MlpEpochFlops / matmulRate):F1}x the bound");
Console.WriteLine($"§1.1 fit: {fit / TrainingBenchmarks.FitSteps * 1e3:F3} ms per full-batch step (1,000 points)");
