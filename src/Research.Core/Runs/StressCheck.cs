using System.Diagnostics;
using Research.Specs;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Runs;

/// <summary>
/// Trains small runs side by side, round after round, while another thread collects garbage without
/// pause, and checks every run against the same run trained alone, bit for bit. These are the
/// conditions under which a native object that nothing owns is freed under a running kernel (issue 19):
/// before the fix they crashed the process at Scalar.h:140 within seconds (with DOTNET_GCgen0size=0x20000
/// making collections frequent), and a freed Scalar reused by another one would have shown as a
/// mismatch. Beside the synthetic fits it trains a small CNN on 512 MNIST images when MNIST is present,
/// for the native calls the CNN path added (issue 16): the channels-last views of the input, max-pool
/// before ReLU, dropout, the flat optimizer's <c>set_</c> and gradient slices, and evaluation in eval mode.
/// Nothing it trains is cached beyond its own temporary folder.
/// </summary>
public static class StressCheck
{
    /// <summary>What a stress check did and found.</summary>
    public sealed record Report(int Rounds, int Runs, long Collections, TimeSpan Elapsed, IReadOnlyList<string> Mismatches)
    {
        /// <summary>Whether the CNN trained in the rounds (it needs MNIST); when not, why.</summary>
        public string? CnnSkipped { get; init; }
    }

    // The two call sites that crashed (leaky_relu's slope, Adam's eps and weight decay) and SGD with
    // momentum, in mini-batches of 16 so that a run makes thousands of native calls; a checkpoint every 5 epochs
    // for the native calls that write one (parameters and optimizer state copied out).
    const string Yaml = """
        schema: 1
        datasets:
          stress:
            kind: function
            function: sinc
            domain: [-1.0, 1.0]
            points: 256
        experiments:
          stress:
            section: "0"
            title: side-by-side stress (synthetic)
            dataset: stress
            loss: mse
            max_epochs: 50
            batch_size: 16
            checkpoint_every: 5
            seeds: [1, 2]
            models:
              adam:
                label: Adam, leaky_relu
                layers: [dense: 24, leaky_relu, dense: 24, leaky_relu, dense: 1]
                optimizer: { kind: adam, lr: 0.01, weight_decay: 1.0e-4 }
              sgd:
                label: SGD with momentum, tanh
                layers: [dense: 24, tanh, dense: 1]
                optimizer: { kind: sgd, lr: 0.01, momentum: 0.9, weight_decay: 1.0e-3 }
        """;

    // Two convolutions with max-pool after ReLU (which the engine runs before it), dropout and Adam over the
    // flat buffer: every native call the CNN path makes, on 512 images so that a round stays around a second.
    const string CnnYaml = """
          stress-cnn:
            section: "0"
            title: side-by-side stress, CNN (512 MNIST images)
            dataset: mnist
            loss: cross_entropy
            max_epochs: 2
            batch_size: 32
            checkpoint_every: 1
            train_samples: 512
            test_samples: 256
            record: { accuracy: true, test: true, train_eval: true }
            seeds: [1, 2]
            models:
              cnn:
                label: CNN, max-pool after ReLU, dropout
                layers: [conv2d: {out: 6, kernel: 4}, relu, maxpool: {kernel: 2, stride: 2},
                         conv2d: {out: 4, kernel: 4}, relu, maxpool: {kernel: 2, stride: 2}, dropout: 0.25, flatten,
                         dense: 32, relu, dense: 10]
                optimizer: { kind: adam, lr: 0.001, weight_decay: 1.0e-4 }
        """;

    const string MnistYaml = """
          mnist:
            kind: mnist
        """;

    public static Report Run(RepoPaths paths, TimeSpan duration, Action<Report>? onRound = null, CancellationToken cancel = default)
    {
        var cnnSkipped = Data.MnistFiles.Missing(paths.Mnist);
        var spec = SpecLoader.Parse(cnnSkipped is null ? WithCnn() : Yaml, "stress.yaml");
        var scratch = Path.Combine(Path.GetTempPath(), "research-stress", Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var alone = new Engine(spec, paths with { CacheRoot = Path.Combine(scratch, "alone") });
            var pairs = spec.Experiments.Keys.Select(id => spec.Experiment(id, Profile.Full))
                .SelectMany(e => e.Models.Keys.SelectMany(m => e.Seeds.Select(s => (Experiment: e, Model: m, Seed: s)))).ToList();
            var expected = pairs.Select(p => Fingerprint(alone.Run(p.Experiment, p.Model, p.Seed, cancel: cancel))).ToList();

            using var stop = new CancellationTokenSource();
            long collections = 0;
            var collector = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    GC.Collect(0);
                    GC.WaitForPendingFinalizers();
                    Interlocked.Increment(ref collections);
                }
            }) { IsBackground = true, Name = "stress collector" };
            var mismatches = new List<string>();
            var clock = Stopwatch.StartNew();
            int rounds = 0;
            collector.Start();
            try
            {
                do
                {
                    var stressed = new Engine(spec, paths with { CacheRoot = Path.Combine(scratch, $"round{rounds + 1}") });
                    // Each experiment's runs side by side, then the next: RunMany runs one experiment's runs in parallel.
                    var results = pairs.GroupBy(p => p.Experiment.Id)
                        .SelectMany(g => stressed.RunMany(g.First().Experiment, g.Select(p => (p.Model, p.Seed)), cancel: cancel)).ToList();
                    rounds++;
                    for (int i = 0; i < pairs.Count; i++)
                        if (!Fingerprint(results[i]).SequenceEqual(expected[i]))
                            mismatches.Add($"round {rounds}: {pairs[i].Experiment.Id} {pairs[i].Model} seed {pairs[i].Seed} trained side by side differs from it trained alone");
                    onRound?.Invoke(new Report(rounds, rounds * pairs.Count, Interlocked.Read(ref collections), clock.Elapsed, mismatches) { CnnSkipped = cnnSkipped });
                } while (clock.Elapsed < duration);
            }
            finally
            {
                stop.Cancel();
                collector.Join();
            }
            return new Report(rounds, rounds * pairs.Count, collections, clock.Elapsed, mismatches) { CnnSkipped = cnnSkipped };
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The synthetic fits' spec with the CNN's experiment and MNIST's dataset added.</summary>
    static string WithCnn() => Yaml.Replace("experiments:\n", "experiments:\n" + CnnYaml + "\n", StringComparison.Ordinal)
        .Replace("datasets:\n", "datasets:\n" + MnistYaml + "\n", StringComparison.Ordinal);

    /// <summary>Every number a run's metrics hold, in order: two runs match when these are equal bit for bit.</summary>
    static IEnumerable<double> Fingerprint(Training.RunResult r) =>
        r.Metrics.TrainLoss.Concat(r.Metrics.TrainAccuracy ?? []).Concat(r.Metrics.TestLoss ?? []).Concat(r.Metrics.TestAccuracy ?? [])
            .Concat(r.Metrics.TrainEvalLoss ?? []);
}
