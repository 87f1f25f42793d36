using BenchmarkDotNet.Attributes;
using Research.Data;
using Research.Specs;
using Research.Torch;
using Research.Training;
using static TorchSharp.torch;

namespace Research.Benchmarks;

/// <summary>
/// The engine's hot paths on synthetic data of the report's shapes, one libtorch thread (as the
/// experiments run) unless <see cref="Threads"/> says otherwise: the matrix-multiply rate that bounds
/// them, an epoch of the §2.1 MLP (784-500-10, 60,000 samples, batch 64 and 1,000, Adam with weight
/// decay), an epoch of §1.2's CNN-1, full-batch steps of the §1.1 1-190-1 fit, §2.3's Hessian with its
/// eigenvalues and its gradient-norm steps, and §3.3.2's sensitivity over the 10,000 test images.
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
    public const int TestSamples = 10_000;
    public const int GradientNormSteps = 100;
    /// <summary>Conv and dense multiply-adds of CNN-1 per sample, ×6 for forward and backward.</summary>
    public const long CnnEpochFlops = 6L * (16 * 16 * 25 * 25 + 4 * 16 * 16 * 9 * 9 + 64 * 150 + 150 * 90 + 90 * 10) * MnistSamples;
    /// <summary>The same for §3.2's largest harness CNN (conv 1→6→4, dense 1,620 and 910).</summary>
    public const long CnnLargestEpochFlops = 6L * (6 * 16 * 25 * 25 + 4 * 6 * 16 * 9 * 9 + 64 * 1620 + 1620 * 910 + 910 * 10) * MnistSamples;

    /// <summary>libtorch intra-op threads (the experiments use 1): $BENCH_THREADS, e.g. "1,2", else 1.</summary>
    [ParamsSource(nameof(ThreadCounts))] public int Threads { get; set; } = 1;

    public static IEnumerable<int> ThreadCounts() =>
        (Environment.GetEnvironmentVariable("BENCH_THREADS") ?? "1").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse);

    Tensor _a = null!, _b = null!;
    TrainingData _mnist = null!, _fit = null!;
    Tensor _testX = null!, _x2 = null!, _y2 = null!;
    Research.Models.SpecModel _mlp = null!, _relu500 = null!;
    readonly Trainer _trainer = new();

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.SetThreads(Threads);
        manual_seed(0);
        _a = randn(64, 784).DetachFromDisposeScope();
        _b = randn(784, 500).DetachFromDisposeScope();
        _mnist = new TrainingData("synthetic MNIST-shaped", rand(MnistSamples, 1, 28, 28), randint(0, 10, [MnistSamples]), null, null, "synthetic");
        var (x, y) = TargetFunctions.Sample(TargetFunction.Sinc, -1, 1, 1000);
        _fit = new TrainingData("sinc", tensor(x.Select(v => (float)v).ToArray(), [1000, 1]), tensor(y.Select(v => (float)v).ToArray(), [1000, 1]), null, null, "sinc");
        (_x2, _y2) = (_fit.TrainX, _fit.TrainY);
        _testX = rand(TestSamples, 1, 28, 28).DetachFromDisposeScope();
        _mlp = new Research.Models.SpecModel(Model(MlpLayers), [1, 28, 28]);
        _relu500 = new Research.Models.SpecModel(Model(Relu500Layers), [1]);
    }

    static readonly LayerSpec[] MlpLayers = [new FlattenLayer(), new DenseLayer(500), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10)];
    static readonly LayerSpec[] Relu500Layers = [new DenseLayer(500), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(1)];
    static readonly LayerSpec[] Cnn1Layers =
    [
        new Conv2dLayer { Out = 16, Kernel = 4 }, new ActivationLayer { Kind = ActivationKind.Relu }, new MaxPoolLayer { Kernel = 2, Stride = 2 },
        new Conv2dLayer { Out = 4, Kernel = 4 }, new ActivationLayer { Kind = ActivationKind.Relu }, new MaxPoolLayer { Kernel = 2, Stride = 2 },
        new DropoutLayer(0.25), new FlattenLayer(),
        new DenseLayer(150), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(90), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10),
    ];

    static readonly LayerSpec[] Sweep1620Layers =
    [
        new Conv2dLayer { Out = 6, Kernel = 4 }, new ActivationLayer { Kind = ActivationKind.Relu }, new MaxPoolLayer { Kernel = 2, Stride = 2 },
        new Conv2dLayer { Out = 4, Kernel = 4 }, new ActivationLayer { Kind = ActivationKind.Relu }, new MaxPoolLayer { Kernel = 2, Stride = 2 },
        new DropoutLayer(0.25), new FlattenLayer(),
        new DenseLayer(1620), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(910), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10),
    ];

    static ModelSpec Model(IReadOnlyList<LayerSpec> layers) => new()
    {
        Id = "m", Label = "m", Layers = layers, Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 1e-3 },
    };

    [Benchmark(Description = "matmul 64x784 · 784x500, x200")]
    public void MatMul()
    {
        for (int i = 0; i < MatMulRepeats; i++)
        {
            using var c = _a.mm(_b);
        }
    }

    [Benchmark(Description = "§2.1 MLP epoch, batch 64 (938 Adam steps)")]
    public TrainedRun MlpEpoch() => Train(_mnist, Experiment(LossKind.CrossEntropy, new BatchSize(64), 1,
        [new FlattenLayer(), new DenseLayer(500), new ActivationLayer { Kind = ActivationKind.Relu }, new DenseLayer(10)], 4e-4), DataSet(DatasetKind.Mnist));

    /// <summary>Where an MLP epoch's time goes: its 938 Adam updates alone (397,510 parameters, weight decay).</summary>
    [Benchmark(Description = "§2.1 MLP: 938 Adam updates alone")]
    public void AdamUpdates938()
    {
        using var adam = new Research.Training.Optimizers.AdamStep(new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 4e-4, WeightDecay = 1e-4 }, _mlp.parameters().ToList());
        var gradients = _mlp.parameters().Select(p => randn_like(p).DetachFromDisposeScope()).ToList();
        for (int i = 0; i < 938; i++) adam.Step(gradients);
        foreach (var g in gradients) g.Dispose();
    }

    /// <summary>Where an MLP epoch's time goes: forward and backward of its 938 batches, no update.</summary>
    [Benchmark(Description = "§2.1 MLP: 938 forward + backward passes alone")]
    public void ForwardBackward938()
    {
        var x = _mnist.TrainX;
        var y = _mnist.TrainY;
        for (int start = 0; start < MnistSamples; start += 64)
        {
            using var scope = NewDisposeScope();
            int size = Math.Min(64, MnistSamples - start);
            var loss = TorchSharp.torch.nn.functional.cross_entropy(_mlp.forward(x.narrow(0, start, size)), y.narrow(0, start, size));
            loss.backward();
        }
        foreach (var p in _mlp.parameters()) p.grad?.zero_();
    }

    [Benchmark(Description = "§3.3 MLP epoch, batch 1,000 (60 Adam steps)")]
    public TrainedRun MlpEpoch1000() => Train(_mnist, Experiment(LossKind.CrossEntropy, new BatchSize(1000), 1, MlpLayers, 1.5e-3), DataSet(DatasetKind.Mnist));

    [Benchmark(Description = "§1.2 CNN-1 epoch, batch 64 (938 Adam steps, dropout)")]
    public TrainedRun CnnEpoch() => Train(_mnist, Experiment(LossKind.CrossEntropy, new BatchSize(64), 1, Cnn1Layers, 1e-4), DataSet(DatasetKind.Mnist));

    /// <summary>The largest model of §3.2's harness sweep (1,590,010 parameters, batch 64 and dropout as trained there).</summary>
    [Benchmark(Description = "§3.2 w1620 CNN epoch, batch 64 (938 Adam steps, dropout)")]
    public TrainedRun CnnEpochLargest() => Train(_mnist, Experiment(LossKind.CrossEntropy, new BatchSize(64), 1, Sweep1620Layers, 1e-4), DataSet(DatasetKind.Mnist));

    [Benchmark(Description = "§2.3 Hessian 1,501 x 1,501 (closed form) + eigvalsh")]
    public double Hessian1501()
    {
        using var scope = NewDisposeScope();
        using var derivatives = new ShallowReluMse(_x2, _y2);
        using var _ = no_grad();
        var hessian = derivatives.Hessian(_relu500.parameters().ToList());
        return linalg.eigvalsh(hessian)[0].item<double>();
    }

    [Benchmark(Description = "§2.3 analysis at 100 gradient-norm steps: steps + Hessian + eigvalsh")]
    public double GradientNormSteps100() => CriticalPointAnalysis.Run(_relu500, Model(Relu500Layers), _relu500.parameters().ToList(), _x2, _y2,
        new CriticalPointSpec { MaxSteps = GradientNormSteps, Lr = 1e-6, GradientBelow = 0 })["critical_gradient_norm"];

    [Benchmark(Description = "§3.3.2 sensitivity over 10,000 test images (batch 1,000)")]
    public double Sensitivity() => Research.Analysis.SensitivityAnalysis.MeanJacobianNorm(_mlp, _testX, 1000);

    public const int BatchedModels = 5;

    /// <summary>
    /// The batched-model lever, measured: the same 1,000 full-batch steps for 5 independent 1-190-1
    /// networks (one per seed) stacked into one model whose layers are batched matrix multiplies; the loss
    /// is the sum of the five MSEs, so each network gets exactly its own gradient. Compare with 5 ×
    /// <see cref="FitSteps571"/>.
    /// </summary>
    [Benchmark(Description = "§1.1 5 x 1-190-1 fits as one batched model, 1,000 steps")]
    public void FitSteps571Batched5()
    {
        using var scope = NewDisposeScope();
        using var constants = new OwnedScalars();
        const int s = BatchedModels, h = 190;
        var w1 = randn(s, h, 1).mul(constants.Of(0.5)).requires_grad_(true);
        var b1 = zeros(s, 1, h).requires_grad_(true);
        var w2 = randn(s, 1, h).mul(constants.Of(0.07)).requires_grad_(true);
        var b2 = zeros(s, 1, 1).requires_grad_(true);
        var parameters = new[] { w1, b1, w2, b2 }.Select(t => new TorchSharp.Modules.Parameter(t)).ToList();
        using var adam = new Research.Training.Optimizers.AdamStep(new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 1.1e-3 }, parameters);
        var x = _x2.expand(s, -1, -1); // [s, 1000, 1], a view
        var y = _y2.expand(s, -1, -1);
        for (int step = 0; step < FitSteps; step++)
        {
            using var stepScope = NewDisposeScope();
            // One input feature: the first layer is a broadcast product (a bmm with an inner dimension of 1 is far slower).
            var hidden = x.mul(parameters[0].transpose(1, 2)).add_(parameters[1], OwnedScalars.One).leaky_relu(constants.Of(0.01));
            var output = hidden.bmm(parameters[2].transpose(1, 2)).add_(parameters[3], OwnedScalars.One);
            var loss = output.sub(y).pow(OwnedScalars.Two).mean([1, 2]).sum();
            adam.ZeroGrad();
            loss.backward();
            adam.Step();
        }
    }

    [Benchmark(Description = "§1.1 1-190-1 fit, 1,000 full-batch Adam steps")]
    public TrainedRun FitSteps571() => Train(_fit, Experiment(LossKind.Mse, BatchSize.Full, FitSteps,
        [new DenseLayer(190), new ActivationLayer { Kind = ActivationKind.LeakyRelu }, new DenseLayer(1)], 1.1e-3), DataSet(DatasetKind.Function));

    TrainedRun Train(TrainingData data, ExperimentSpec e, DatasetSpec d) => _trainer.Train(e, d, "m", 1, data);

    static DatasetSpec DataSet(DatasetKind kind) => new() { Kind = kind };

    // The trainer sets libtorch's threads from the spec, so the spec carries this run's thread count. The
    // model's settings are resolved as the spec loader resolves them.
    ExperimentSpec Experiment(LossKind loss, BatchSize batch, int epochs, IReadOnlyList<LayerSpec> layers, double lr)
    {
        var model = new ModelSpec { Id = "m", Label = "m", Layers = layers, Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = lr, WeightDecay = 1e-4 } };
        var e = new ExperimentSpec
        {
            Id = "bench", Section = "-", Title = "benchmark", Dataset = "d", Loss = loss, BatchSize = batch, MaxEpochs = epochs, Seeds = [1], Threads = Threads,
            Models = new Dictionary<string, ModelSpec> { ["m"] = model },
        };
        return e with { Models = new Dictionary<string, ModelSpec> { ["m"] = model with { Settings = ModelSettings.Resolve(e, model) } } };
    }
}
