using System.Text.Json;
using FluentAssertions;
using Research.IO;
using Research.Runs;
using Research.Specs;
using Research.Tests.Support;
using Research.Training;

namespace Research.Tests.Runs;

/// <summary>
/// A run that differs from a cached one only in max_epochs continues from that run's final state (issue 15: the
/// epoch-budget choice's doubled alternative trains only the epochs it adds), and ends bit for bit where a run
/// trained from its seed ends: every logged series, the test and eval-mode passes, the weight snapshots.
/// </summary>
public class ContinuationTests
{
    static string Spec(int epochs, string record = "{ accuracy: true, test: true, train_eval: true, weights_every: 1 }") => $$"""
        schema: 1
        datasets:
          mnist: { kind: mnist }
        experiments:
          small:
            section: "1.2"
            title: continuation probe
            dataset: mnist
            train_samples: 1000
            test_samples: 300
            loss: cross_entropy
            batch_size: 100
            max_epochs: {{epochs}}
            checkpoint_every: 1
            seeds: [1]
            record: {{record}}
            models:
              cnn:
                label: a CNN with dropout (its draws come from libtorch's generator, restored with the state)
                layers: [conv2d: {out: 4, kernel: 4}, relu, maxpool: {kernel: 2, stride: 2}, dropout: 0.25, flatten, dense: 10]
                optimizer: { kind: adam, lr: 1.0e-3 }
        """;

    static (RunResult Result, IReadOnlyList<float[]>? Weights) Train(string yaml, string cache)
    {
        var engine = TestSpecs.Engine(yaml, cache);
        var result = engine.Run(engine.Spec.Experiment("small", Profile.Full), "cnn", 1, cancel: TestContext.Current.CancellationToken);
        return (result, engine.Weights(result));
    }

    static string Json<T>(T value) => JsonSerializer.Serialize(value, Research.IO.Json.Canonical);

    [Fact]
    public void ALongerRunContinuesFromTheShorterRunsFinalStateAndEndsAsOneTrainedFromItsSeed()
    {
        var (expected, expectedWeights) = Train(Spec(5), TestSpecs.TempDir());
        expected.Provenance.ContinuedFrom.Should().BeNull("nothing shorter was cached");

        var cache = TestSpecs.TempDir();
        var (shorter, _) = Train(Spec(3), cache);
        Directory.GetFiles(cache, "*.after3.state", SearchOption.AllDirectories).Should().ContainSingle("the 3-epoch run stopped at max_epochs");
        var (continued, weights) = Train(Spec(5), cache);

        continued.Provenance.ContinuedFrom.Should().Be(3);
        continued.Provenance.ResumedAt.Should().BeNull("starting from the shorter run's final state is no resumption");
        continued.Provenance.RunKey.Should().Be(expected.Provenance.RunKey).And.NotBe(shorter.Provenance.RunKey);
        Json(continued.Metrics).Should().Be(Json(expected.Metrics), "every series, the test and eval-mode passes included, is the same");
        continued.WeightEpochs.Should().Equal(expected.WeightEpochs);
        weights.Should().NotBeNull();
        weights!.Select(Json).Should().Equal(expectedWeights!.Select(Json), "the weight snapshots are the same to the bit");
        Json(shorter.Metrics.TrainLoss).Should().Be(Json(expected.Metrics.TrainLoss.Take(3)), "the shorter run is the longer one's prefix");
        Directory.GetFiles(cache, "*.after5.state", SearchOption.AllDirectories).Should().ContainSingle("it can be continued in turn");
    }

    sealed class Starts(CancellationTokenSource? stop = null, int stopAt = 0) : IRunObserver
    {
        public readonly List<string> Events = [];
        public void OnEpoch(in RunProgress progress)
        {
            if (progress.Epoch == stopAt) stop?.Cancel();
        }
        public void OnContinued(RunId run, int epoch) => Events.Add($"continued at {epoch}");
        public void OnResumed(RunId run, int epoch) => Events.Add($"resumed at {epoch}");
    }

    [Fact]
    public void AnInterruptedContinuationTakenUpAgainSaysBothThatItContinuedAndWhereItResumed()
    {
        var cache = TestSpecs.TempDir();
        Train(Spec(3), cache);
        var engine = TestSpecs.Engine(Spec(6), cache);
        var e = engine.Spec.Experiment("small", Profile.Full);
        using var stop = new CancellationTokenSource();
        var first = new Starts(stop, stopAt: 4);
        var interrupted = () => engine.Run(e, "cnn", 1, first, stop.Token);
        interrupted.Should().Throw<OperationCanceledException>();
        first.Events.Should().Equal("continued at 3");

        var second = new Starts();
        var result = TestSpecs.Engine(Spec(6), cache).Run(e, "cnn", 1, second, TestContext.Current.CancellationToken);
        second.Events.Should().Equal("resumed at 4");
        result.Provenance.ContinuedFrom.Should().Be(3, "the checkpoint it resumed from says where its continuation started");
        result.Provenance.ResumedAt.Should().Be(4);
        Directory.GetFiles(cache, "*.ckpt*", SearchOption.AllDirectories).Should().BeEmpty("a finished run leaves neither its checkpoint nor its note");
    }

    [Fact]
    public void AShorterRunThatStoppedBetweenTheLongerRunsTestsIsNotContinued()
    {
        // The 3-epoch run tests at its last epoch; a 4-epoch run testing every 2 epochs does not test at epoch 3.
        const string everyOther = "{ accuracy: true, test: true, eval_every: 2 }";
        var cache = TestSpecs.TempDir();
        Train(Spec(3, everyOther), cache);
        Directory.GetFiles(cache, "*.state", SearchOption.AllDirectories).Should().BeEmpty("no longer run could continue from epoch 3");
        var (longer, _) = Train(Spec(4, everyOther), cache);
        longer.Provenance.ContinuedFrom.Should().BeNull();
        Json(longer.Metrics).Should().Be(Json(Train(Spec(4, everyOther), TestSpecs.TempDir()).Result.Metrics));
    }
}
