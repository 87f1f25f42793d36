using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;
using Research.Training;

namespace Research.Tests.Training;

/// <summary>Long runs save their state every few epochs; an interrupted run resumes and ends exactly where an uninterrupted one does.</summary>
public class CheckpointTests
{
    sealed class Watch(CancellationTokenSource? stop, int stopAt) : IRunObserver
    {
        public int? ResumedAt;
        public void OnEpoch(in RunProgress progress)
        {
            if (progress.Epoch == stopAt) stop?.Cancel();
        }
        public void OnResumed(RunId run, int epoch) => ResumedAt = epoch;
    }

    static string Yaml(string layers) => TestSpecs.Fit()
        .Replace("max_epochs: 60", "max_epochs: 40\n    batch_size: 16\n    checkpoint_every: 5\n    record: { gradient_norm: true, weights_every: 10 }")
        .Replace("layers: [dense: 16, tanh, dense: 1]", layers);

    [Fact]
    public void ACheckpointThatDoesNotFitTheModelIsDroppedAndTheRunTrainsFromTheStart()
    {
        var ct = TestContext.Current.CancellationToken;
        var yaml = Yaml("layers: [dense: 16, tanh, dense: 1]");
        var straight = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var e = straight.Spec.Experiment("tiny-fit", Profile.Full);
        var expected = straight.Run(e, "small", 1, cancel: ct);

        // Another model's checkpoint under this run's name, as a broken process could leave it.
        var other = TestSpecs.Engine(Yaml("layers: [dense: 5, tanh, dense: 1]"), TestSpecs.TempDir());
        var otherE = other.Spec.Experiment("tiny-fit", Profile.Full);
        using var stop = new CancellationTokenSource();
        var interrupted = () => other.Run(otherE, "small", 1, new Watch(stop, 12), stop.Token);
        interrupted.Should().Throw<OperationCanceledException>();
        var foreign = Directory.EnumerateFiles(other.Cache.Root, "*.ckpt", SearchOption.AllDirectories).Single();

        var engine = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var path = engine.Cache.PathOf(e.Id, "small", 1, Research.Runs.RunKey.For(e, engine.Spec.DatasetOf(e), "small", 1));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(foreign, path + ".ckpt");
        var watch = new Watch(null, 0);
        engine.Run(e, "small", 1, watch, ct).Metrics.TrainLoss.Should().Equal(expected.Metrics.TrainLoss);
        File.Exists(path + ".ckpt").Should().BeFalse();
    }

    [Theory]
    [InlineData("layers: [dense: 16, tanh, dense: 1]")]
    [InlineData("layers: [dense: 16, tanh, dropout: 0.2, dense: 1]")] // dropout: the global generator is restored too
    public void AnInterruptedRunResumesFromItsCheckpointWithTheSameResult(string layers)
    {
        var yaml = Yaml(layers);
        var ct = TestContext.Current.CancellationToken;
        var straight = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var e = straight.Spec.Experiment("tiny-fit", Profile.Full);
        var expected = straight.Run(e, "small", 1, cancel: ct);

        var cache = TestSpecs.TempDir();
        using var stop = new CancellationTokenSource();
        var first = TestSpecs.Engine(yaml, cache);
        var interrupted = () => first.Run(e, "small", 1, new Watch(stop, 23), stop.Token);
        interrupted.Should().Throw<OperationCanceledException>();
        Directory.GetFiles(cache, "*.ckpt", SearchOption.AllDirectories).Should().ContainSingle();
        Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories).Should().BeEmpty();

        var watch = new Watch(null, 0);
        var resumed = TestSpecs.Engine(yaml, cache).Run(e, "small", 1, watch, ct);
        watch.ResumedAt.Should().Be(20, "the last checkpoint before epoch 23 is epoch 20's");
        resumed.Provenance.ResumedAt.Should().Be(20, "its commit and CPU are the finishing process's only, and the result says so");
        expected.Provenance.ResumedAt.Should().BeNull();
        resumed.Metrics.TrainLoss.Should().Equal(expected.Metrics.TrainLoss);
        resumed.Metrics.GradientNorm.Should().Equal(expected.Metrics.GradientNorm);
        resumed.WeightEpochs.Should().Equal(expected.WeightEpochs);
        Directory.GetFiles(cache, "*.ckpt", SearchOption.AllDirectories).Should().BeEmpty("a finished run removes its checkpoint");
    }

    [Fact]
    public void ACorruptCheckpointIsIgnoredAndTheRunStartsOver()
    {
        var yaml = Yaml("layers: [dense: 16, tanh, dense: 1]");
        var ct = TestContext.Current.CancellationToken;
        var cache = TestSpecs.TempDir();
        var engine = TestSpecs.Engine(yaml, cache);
        var e = engine.Spec.Experiment("tiny-fit", Profile.Full);
        var expected = TestSpecs.Engine(yaml, TestSpecs.TempDir()).Run(e, "small", 1, cancel: ct);
        var path = engine.Cache.PathOf(e.Id, "small", 1, expected.Provenance.RunKey) + ".ckpt";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[100]);

        var watch = new Watch(null, 0);
        engine.Run(e, "small", 1, watch, ct).Metrics.TrainLoss.Should().Equal(expected.Metrics.TrainLoss);
        watch.ResumedAt.Should().BeNull();
    }
}
