using System.Diagnostics;
using Research.Specs;
using Research.Torch;
using Research.Models;
using Research.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Benchmarks;

/// <summary>
/// Where one training step of §1.2's CNN-1 (batch 64, one libtorch thread) spends its time: the whole step
/// as the trainer runs it, then its parts — each layer's forward, each layer's backward, the loss, the
/// optimizer, zeroing the gradients — each timed alone over the same number of steps. A Stopwatch profile,
/// not BenchmarkDotNet: it answers "which part", and BenchmarkDotNet's <c>CnnEpoch</c> answers "how fast".
/// Run: <c>dotnet run -c Release --project benchmarks/Research.Benchmarks -- breakdown [steps]</c>.
/// </summary>
public static class StepBreakdown
{
    const int Batch = 64;

    public static void Run(int steps, bool channelsLast)
    {
        TorchRuntime.SetThreads(1);
        manual_seed(0);
        using var scope = NewDisposeScope();
        var layers = Cnn1(conv => conv, poolFirst: false);
        string[] names = ["conv 1→16 k4", "relu", "maxpool", "conv 16→4 k4", "relu", "maxpool", "dropout 0.25", "flatten",
                          "dense 64→150", "relu", "dense 150→90", "relu", "dense 90→10"];
        var model = nn.Sequential(layers.Select((l, i) => ($"{i}", l)).ToArray());
        model.train();
        var parameters = model.parameters().ToList();
        using var adam = Adam(model, flat: true);
        var x = rand(Batch, 1, 28, 28);
        if (channelsLast) x = SpecModel.ChannelsLast(x);
        var y = randint(0, 10, [Batch]);

        var rows = new List<(string Part, double Ms)>();
        double Time(Action step)
        {
            for (int i = 0; i < Math.Max(20, steps / 10); i++) step(); // warm-up: oneDNN builds its kernels on first use
            var samples = new double[5];
            for (int r = 0; r < samples.Length; r++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < steps; i++) step();
                samples[r] = clock.Elapsed.TotalMilliseconds / steps;
            }
            Array.Sort(samples);
            return samples[samples.Length / 2];
        }

        double whole = Time(() =>
        {
            using var s = NewDisposeScope();
            var loss = nn.functional.cross_entropy(model.forward(x), y);
            adam.ZeroGrad();
            loss.backward();
            adam.Step();
        });

        // Each layer's input, as the forward pass hands it on.
        var inputs = new List<Tensor> { x };
        using (no_grad())
            foreach (var layer in layers) inputs.Add(layer.forward(inputs[^1]).DetachFromDisposeScope());

        double forwardSum = 0, backwardSum = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            // The first layer's input needs no gradient (the data); every later one does.
            var input = i == 0 ? inputs[0] : inputs[i].detach().requires_grad_(true);
            var upstream = ones_like(inputs[i + 1]);
            double forward = Time(() => { using var s = NewDisposeScope(); layer.forward(input); });
            double both = Time(() =>
            {
                using var s = NewDisposeScope();
                layer.forward(input).backward([upstream]);
                if (input.grad is { } g) g.zero_();
            });
            rows.Add(($"{names[i]}: forward", forward));
            rows.Add(($"{names[i]}: backward", both - forward));
            forwardSum += forward;
            backwardSum += both - forward;
        }
        var logits = inputs[^1].detach().requires_grad_(true);
        double lossForward = Time(() => { using var s = NewDisposeScope(); nn.functional.cross_entropy(logits, y); });
        double lossBoth = Time(() => { using var s = NewDisposeScope(); nn.functional.cross_entropy(logits, y).backward(); logits.grad!.zero_(); });
        double zero = Time(adam.ZeroGrad);
        var gradients = parameters.Select(p => randn_like(p)).ToList();
        double update = Time(() => adam.Step(gradients));

        Console.WriteLine($"§1.2 CNN-1, batch {Batch}, 1 libtorch thread, {(channelsLast ? "channels-last" : "contiguous")} input, {steps} steps × 5 (median), ms per step");
        Console.WriteLine($"{"whole step (forward, loss, zero, backward, Adam)",-52} {whole,8:F3}  100%");
        void Line(string part, double ms) => Console.WriteLine($"{part,-52} {ms,8:F3} {100 * ms / whole,4:F0}%");
        foreach (var (part, ms) in rows) Line("  " + part, ms);
        Line("  cross-entropy: forward", lossForward);
        Line("  cross-entropy: backward", lossBoth - lossForward);
        Line("  zero the gradients", zero);
        Line("  Adam (10 tensors, weight decay)", update);
        double parts = forwardSum + backwardSum + lossBoth + zero + update;
        Line("sum of the parts", parts);
        Line($"  of which forward {forwardSum:F3}, backward {backwardSum:F3}", 0);
        Line("whole − parts (autograd, scopes, interop)", whole - parts);
        if (!channelsLast) Levers(steps, x, y);
    }

    /// <summary>
    /// The whole step under each lever, measured in interleaved rounds so that every lever sees the same
    /// machine: oneDNN's convolutions (libtorch's default), libtorch's own im2col + GEMM path (oneDNN off),
    /// and convolutions written as unfold + matrix multiply.
    /// </summary>
    static void Levers(int steps, Tensor x, Tensor y)
    {
        var levers = new (string Name, Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>> Conv, bool Mkldnn, bool Flat, bool ChannelsLast, bool PoolFirst)[]
        {
            ("Adam per parameter tensor (before issue 16)", c => c, true, false, false, false),
            ("Adam over one flat buffer", c => c, true, true, false, false),
            ("libtorch im2col + GEMM (oneDNN off)", c => c, false, true, false, false),
            ("unfold + matmul convolutions", c => new UnfoldConv2d((TorchSharp.Modules.Conv2d)c), true, true, false, false),
            ("channels-last activations", c => c, true, true, true, false),
            ("channels-last, oneDNN off", c => c, false, true, true, false),
            ("channels-last, max-pool before ReLU (the engine)", c => c, true, true, true, true),
        };
        var xLast = SpecModel.ChannelsLast(x);
        var built = levers.Select(l =>
        {
            manual_seed(0);
            var model = nn.Sequential(Cnn1(l.Conv, l.PoolFirst).Select((m, i) => ($"{i}", m)).ToArray());
            return (model, adam: Adam(model, l.Flat));
        }).ToList();
        var samples = levers.Select(_ => new List<double>()).ToList();
        for (int round = 0; round < 6; round++)
            for (int i = 0; i < levers.Length; i++)
            {
                MkldnnSwitch.Enabled = levers[i].Mkldnn;
                var (model, adam) = built[i];
                var clock = Stopwatch.StartNew();
                for (int s = 0; s < steps; s++)
                {
                    using var scope = NewDisposeScope();
                    var loss = nn.functional.cross_entropy(model.forward(levers[i].ChannelsLast ? xLast : x), y);
                    adam.ZeroGrad();
                    loss.backward();
                    adam.Step();
                }
                if (round > 0) samples[i].Add(clock.Elapsed.TotalMilliseconds / steps); // round 0 warms up
            }
        MkldnnSwitch.Enabled = true;
        Console.WriteLine();
        Console.WriteLine("levers, whole step, interleaved rounds (median of 5), ms per step");
        for (int i = 0; i < levers.Length; i++)
        {
            var sorted = samples[i].Order().ToList();
            Console.WriteLine($"{levers[i].Name,-52} {sorted[sorted.Count / 2],8:F3}");
        }
    }

    /// <summary>CNN-1's layers, each convolution passed through <paramref name="conv"/>, the max-pools before or after their ReLUs.</summary>
    static nn.Module<Tensor, Tensor>[] Cnn1(Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>> conv, bool poolFirst)
    {
        nn.Module<Tensor, Tensor>[] Block(int input, int output) => poolFirst
            ? [conv(nn.Conv2d(input, output, 4)), nn.MaxPool2d(2, 2), nn.ReLU()]
            : [conv(nn.Conv2d(input, output, 4)), nn.ReLU(), nn.MaxPool2d(2, 2)];
        return
        [
            ..Block(1, 16), ..Block(16, 4),
            nn.Dropout(0.25), nn.Flatten(),
            nn.Linear(64, 150), nn.ReLU(), nn.Linear(150, 90), nn.ReLU(), nn.Linear(90, 10),
        ];
    }

    static AdamStep Adam(nn.Module model, bool flat) =>
        new(new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 1e-4, WeightDecay = 1e-4 }, model.parameters().ToList(), flat);
}
