using BenchmarkDotNet.Attributes;
using Research.Data;
using Research.Specs;
using Research.Torch;
using Research.Training;
using static TorchSharp.torch;

namespace Research.Benchmarks;

/// <summary>
/// The engine's hot paths on synthetic data of the report's shapes, one libtorch thread (as the
/// experiments run): the matrix-multiply rate that bounds them, an epoch of the §2.1 MLP (784-500-10,
/// 60,000 samples, batch 64, Adam with weight decay), and full-batch steps of the §1.1 1-190-1 fit.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class TrainingBenchmarks
{
    public const int MatMulRepeats = 200;
    public const long MatMulFlops = 2L * 64 * 784 * 500 * MatMulRepeats;
    public const int MnistSamples = 60_000;
    /// <summary>Forward 2, backward 4 multiply-adds per weight per sample.</summary>
    public const long MlpEpochFlops = 6L * 397_510 * MnistSamples;
    public const int FitSteps = 1_000;

    Tensor _a = null!, _b = null!;
    TrainingData _mnist = null!, _fit = null!;
    readonly Trainer _trainer = new();

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.SetThreads(1);
        manual_seed(0);
        _a = randn(64, 784).DetachFromDisposeScope();
        _b = randn(784, 500).DetachFromDisposeScope();
        _mnist = new TrainingData("synthetic MNIST-shaped", rand(MnistSamples, 1, 28, 28), randint(0, 10, [MnistSamples]), null, null, "synthetic");
        var (x, y) = TargetFunctions.Sample(TargetFunction.Sinc, -1, 1, 1000);
        _fit = new TrainingData("sinc", tensor(x.Select(v => (float)v).ToArray(), [1000, 1]), tensor(y.Select(v => (float)v).ToArray(), [1000, 1]), null, null, "sinc");
    }

    [Benchmark(Description = "matmul 64x784 · 784x500, x200")]
    public void MatMul()
    {
        for (int i = 0; i < MatMulRepeats; i++)
        {
            using var c = _a.mm(_b);
        }
    }

    [Benchmark(Description = "§2.1 MLP epoch, batch 64 (938 Adam steps)")]
    public RunResult MlpEpoch() => Train(_mnist, Experiment(LossKind.CrossEntropy, new BatchSize(64), 1,
        [new FlattenLayer(), new DenseLayer(500), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10)], 4e-4), DataSet(DatasetKind.Mnist));

    [Benchmark(Description = "§1.1 1-190-1 fit, 1,000 full-batch Adam steps")]
    public RunResult FitSteps571() => Train(_fit, Experiment(LossKind.Mse, BatchSize.Full, FitSteps,
        [new DenseLayer(190), new ActivationLayer { Kind = ActivationKind.LeakyRelu }, new DenseLayer(1)], 1.1e-3), DataSet(DatasetKind.Function));

    RunResult Train(TrainingData data, ExperimentSpec e, DatasetSpec d) =>
        _trainer.Train(e, d, "m", 1, data, _ => Provenance).Result;

    static DatasetSpec DataSet(DatasetKind kind) => new() { Kind = kind };

    static ExperimentSpec Experiment(LossKind loss, BatchSize batch, int epochs, IReadOnlyList<LayerSpec> layers, double lr) => new()
    {
        Id = "bench", Section = "-", Title = "benchmark", Dataset = "d", Loss = loss, BatchSize = batch, MaxEpochs = epochs, Seeds = [1],
        Models = new Dictionary<string, ModelSpec>
        {
            ["m"] = new() { Id = "m", Label = "m", Layers = layers, Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = lr, WeightDecay = 1e-4 } },
        },
    };

    static readonly Provenance Provenance = new()
    {
        SpecSha256 = "", RunKey = "", DataChecksum = "", EngineVersion = "", TorchSharpVersion = "", LibTorchVersion = "",
        Threads = 1, Cpu = "", Os = "", GitCommit = "", CreatedUtc = default, WallSeconds = 0, PeakResidentBytes = 0,
    };
}
