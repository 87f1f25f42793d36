using FluentAssertions;
using Research.Runs;
using Research.Specs;
using Research.Tests.Support;
using Research.Training;
using Research.IO;

namespace Research.Tests.Runs;

public class RunCacheTests
{
    sealed class Recorder : IRunObserver
    {
        public int Epochs, Cached;
        public void OnEpoch(in RunProgress progress) => Interlocked.Increment(ref Epochs);
        public void OnCached(RunId run) => Interlocked.Increment(ref Cached);
    }

    [Fact]
    public void AFinishedRunIsReturnedFromTheCacheWithoutTraining()
    {
        var cache = TestSpecs.TempDir();
        var yaml = TestSpecs.Fit();
        var e = TestSpecs.Parse(yaml).Experiment("tiny-fit", Profile.Full);
        var trained = TestSpecs.Engine(yaml, cache).Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
        var recorder = new Recorder();
        var again = TestSpecs.Engine(yaml, cache).Run(e, "small", 1, recorder, cancel: TestContext.Current.CancellationToken);
        recorder.Epochs.Should().Be(0);
        recorder.Cached.Should().Be(1);
        again.Metrics.TrainLoss.Should().Equal(trained.Metrics.TrainLoss);
        again.Provenance.RunKey.Should().Be(trained.Provenance.RunKey);
    }

    sealed class Ids : IRunObserver
    {
        public readonly HashSet<RunId> Trained = [], Cached = [];
        public void OnEpoch(in RunProgress progress)
        {
            lock (Trained) Trained.Add(progress.Run);
        }
        public void OnCached(RunId run)
        {
            lock (Trained) Cached.Add(run);
        }
    }

    [Fact]
    public void OneSeedUnderTwoSettingsIsTwoRunsToAnObserver()
    {
        // research robustness trains and reads one seed under several settings in one process: an observer that
        // knew runs by experiment, model and seed counted them as one (and drew them on one progress line).
        var cache = TestSpecs.TempDir();
        var yaml = TestSpecs.Fit();
        var e = TestSpecs.Parse(yaml).Experiment("tiny-fit", Profile.Full);
        var settings = new[] { e, e with { MaxEpochs = 30 } };
        var ct = TestContext.Current.CancellationToken;

        var first = new Ids();
        var engine = TestSpecs.Engine(yaml, cache);
        var trained = settings.Select(s => RunId.Of(engine.Run(s, "small", 1, first, ct))).ToList();
        trained.Distinct().Should().HaveCount(2);
        first.Trained.Should().BeEquivalentTo(trained, "each epoch names its run with the run's cache key");

        var second = new Ids();
        var again = TestSpecs.Engine(yaml, cache);
        settings.Select(s => RunId.Of(again.Run(s, "small", 1, second, ct))).Should().Equal(trained);
        second.Cached.Should().BeEquivalentTo(trained);
        second.Trained.Should().BeEmpty();
    }

    [Fact]
    public void ConcurrentRequestsForOneRunTrainItOnce()
    {
        var engine = TestSpecs.Engine(TestSpecs.Fit(), TestSpecs.TempDir());
        var e = engine.Spec.Experiment("tiny-fit", Profile.Full);
        var recorder = new Recorder();
        Parallel.For(0, 4, _ => engine.Run(e, "small", 1, recorder, TestContext.Current.CancellationToken));
        recorder.Epochs.Should().Be(60);
    }

    sealed class CancelAfter(CancellationTokenSource source, int epochs) : IRunObserver
    {
        public void OnEpoch(in RunProgress progress)
        {
            if (progress.Epoch == epochs) source.Cancel();
        }
    }

    [Fact]
    public void AnInterruptedRunStoresNothingAndTheNextRequestTrainsIt()
    {
        var cacheDir = TestSpecs.TempDir();
        var engine = TestSpecs.Engine(TestSpecs.Fit(), cacheDir);
        var e = engine.Spec.Experiment("tiny-fit", Profile.Full);
        using var source = new CancellationTokenSource();
        var act = () => engine.Run(e, "small", 1, new CancelAfter(source, 10), source.Token);
        act.Should().Throw<OperationCanceledException>();
        Directory.GetFiles(cacheDir, "*", SearchOption.AllDirectories).Should().BeEmpty("nothing of an interrupted run is kept");
        engine.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken).Epochs.Should().Be(60);
    }

    [Fact]
    public void ACacheThatCannotBeWrittenGivesAClearError()
    {
        // A file where the cache folder should be: as unwritable as a read-only folder, even for root.
        var blocker = Path.Combine(TestSpecs.TempDir(), "cache");
        File.WriteAllText(blocker, "not a folder");
        var engine = TestSpecs.Engine(TestSpecs.Fit(), blocker);
        var act = () => engine.Run(engine.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        act.Should().Throw<StorageException>().Which.Message.Should()
            .StartWith(blocker).And.Contain("point RESEARCH_CACHE at a writable folder");
    }

    [Fact]
    public void TwoEnginesSharingACacheTrainARunOnce()
    {
        // Separate engines stand for separate processes: only the lock file coordinates them.
        var cache = TestSpecs.TempDir();
        var yaml = TestSpecs.Fit();
        var first = TestSpecs.Engine(yaml, cache);
        var second = TestSpecs.Engine(yaml, cache);
        var e = first.Spec.Experiment("tiny-fit", Profile.Full);
        var recorder = new Recorder();
        Parallel.Invoke(
            () => first.Run(e, "small", 1, recorder, TestContext.Current.CancellationToken),
            () => second.Run(e, "small", 1, recorder, TestContext.Current.CancellationToken));
        recorder.Epochs.Should().Be(60, "one engine trains, the other waits and reads its result");
        recorder.Cached.Should().Be(1);
        Directory.GetFiles(cache, "*.lock", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void KeyChangesWithWhatAffectsNumbersButNotWithProse()
    {
        var spec = TestSpecs.Parse(TestSpecs.Fit());
        var e = spec.Experiment("tiny-fit", Profile.Full);
        var data = spec.DatasetOf(e);
        var key = RunKey.For(e, data, "small", 1);
        RunKey.For(e with { Title = "renamed", Notes = "more words" }, data, "small", 1).Should().Be(key);
        RunKey.For(e, data, "small", 2).Should().NotBe(key);
        RunKey.For(e with { MaxEpochs = 61 }, data, "small", 1).Should().NotBe(key);
        var faster = e with { Models = new Dictionary<string, ModelSpec> { ["small"] = e.Models["small"] with { Optimizer = e.Models["small"].Optimizer with { Lr = 0.02 } } } };
        RunKey.For(faster, data, "small", 1).Should().NotBe(key);
        RunKey.For(e, data with { Points = 65 }, "small", 1).Should().NotBe(key);
    }

    [Fact]
    public void ACorruptOrPartialFileIsNeverReadAsAResult()
    {
        var cacheDir = TestSpecs.TempDir();
        var engine = TestSpecs.Engine(TestSpecs.Fit(), cacheDir);
        var e = engine.Spec.Experiment("tiny-fit", Profile.Full);
        var run = engine.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
        var path = engine.Cache.PathOf(e.Id, "small", 1, run.Provenance.RunKey);
        var text = File.ReadAllText(path);

        File.WriteAllText(path, text[..(text.Length / 2)]);
        engine.Cache.TryRead(path).Should().BeNull("a truncated file fails its checksum");
        File.WriteAllText(path, text.Replace("\"seed\": 1", "\"seed\": 7"));
        engine.Cache.TryRead(path).Should().BeNull("an edited file fails its checksum");
        File.WriteAllText(path, text);
        engine.Cache.TryRead(path).Should().NotBeNull();
        Directory.GetFiles(cacheDir, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }
}
