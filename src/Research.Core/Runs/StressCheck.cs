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
/// mismatch. Runs on synthetic data only: nothing it trains is cached beyond its own temporary folder.
/// </summary>
public static class StressCheck
{
    /// <summary>What a stress check did and found.</summary>
    public sealed record Report(int Rounds, int Runs, long Collections, TimeSpan Elapsed, IReadOnlyList<string> Mismatches);

    // The two call sites that crashed (leaky_relu's slope, Adam's eps and weight decay) and SGD with
    // momentum, in mini-batches of 16 so that a run makes thousands of native calls.
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

    public static Report Run(RepoPaths paths, TimeSpan duration, Action<Report>? onRound = null, CancellationToken cancel = default)
    {
        var spec = SpecLoader.Parse(Yaml, "stress.yaml");
        var scratch = Path.Combine(Path.GetTempPath(), "research-stress", Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var alone = new Engine(spec, paths with { CacheRoot = Path.Combine(scratch, "alone") });
            var e = spec.Experiment("stress", Profile.Full);
            var pairs = e.Models.Keys.SelectMany(m => e.Seeds.Select(s => (Model: m, Seed: s))).ToList();
            var expected = pairs.Select(p => alone.Run(e, p.Model, p.Seed, cancel: cancel).Metrics.TrainLoss).ToList();

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
                    var results = stressed.RunMany(e, pairs, cancel: cancel);
                    rounds++;
                    for (int i = 0; i < pairs.Count; i++)
                        if (!results[i].Metrics.TrainLoss.SequenceEqual(expected[i]))
                            mismatches.Add($"round {rounds}: {pairs[i].Model} seed {pairs[i].Seed} trained side by side differs from it trained alone");
                    onRound?.Invoke(new Report(rounds, rounds * pairs.Count, Interlocked.Read(ref collections), clock.Elapsed, mismatches));
                } while (clock.Elapsed < duration);
            }
            finally
            {
                stop.Cancel();
                collector.Join();
            }
            return new Report(rounds, rounds * pairs.Count, collections, clock.Elapsed, mismatches);
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
