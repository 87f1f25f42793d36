using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;
using Research.Training;

namespace Research.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void SameSpecSeedAndThreadsGiveBitIdenticalMetrics()
    {
        var yaml = TestSpecs.Fit();
        var a = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var b = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var e = a.Spec.Experiment("tiny-fit", Profile.Full);
        var first = a.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
        var second = b.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
        var other = a.Run(e, "small", 2, cancel: TestContext.Current.CancellationToken);
        second.Metrics.TrainLoss.Should().Equal(first.Metrics.TrainLoss);
        other.Metrics.TrainLoss.Should().NotEqual(first.Metrics.TrainLoss, "another seed starts elsewhere");
    }

    [Fact]
    public void RunsTrainedSideBySideEqualRunsTrainedAlone()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 400\n    batch_size: 16");
        var together = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var e = together.Spec.Experiment("tiny-fit", Profile.Full);
        var pairs = new[] { ("small", 1), ("small", 2), ("small", 3), ("small", 4) };
        var parallel = together.RunMany(e, pairs, cancel: TestContext.Current.CancellationToken);
        var alone = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        foreach (var (run, (model, seed)) in parallel.Zip(pairs))
            run.Metrics.TrainLoss.Should().Equal(alone.Run(e, model, seed, cancel: TestContext.Current.CancellationToken).Metrics.TrainLoss,
                $"seed {seed} trained beside others must be bit-identical to seed {seed} trained alone");
    }

    [Fact]
    public void TrainingWhileHoldingTheGlobalLockIsRefusedAtOnceNotADeadlockSomeOfTheTime()
    {
        // The lock order is the runs lock, then TorchRuntime.Global. A caller holding Global that trains reverses it,
        // and hangs only when a run that trains alone holds the write lock meanwhile (the fresh-clone CI of b822146).
        var engine = TestSpecs.Engine(TestSpecs.Fit(), TestSpecs.TempDir());
        var e = engine.Spec.Experiment("tiny-fit", Profile.Full);
        using (Research.Torch.TorchRuntime.Global.EnterScope())
        {
            var train = () => engine.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken);
            train.Should().Throw<InvalidOperationException>().WithMessage("*holds TorchRuntime.Global*runs lock, then Global*");
        }
        engine.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken).Epochs.Should().BePositive("released, the same run trains");
    }

    [Fact]
    public void MiniBatchRunsAreDeterministicToo()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 5\n    batch_size: 10");
        var first = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var e = first.Spec.Experiment("tiny-fit", Profile.Full);
        first.Run(e, "small", 1, cancel: TestContext.Current.CancellationToken).Metrics.TrainLoss
            .Should().Equal(TestSpecs.Engine(yaml, TestSpecs.TempDir()).Run(e, "small", 1, cancel: TestContext.Current.CancellationToken).Metrics.TrainLoss);
    }

    [Fact]
    public void ConvergenceRuleStopsTrainingAtTheFirstEpochBelowTheThreshold()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 2000\n    convergence: { loss_below: 0.02 }");
        var engine = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var run = engine.Run(engine.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        run.Outcome.Should().Be(RunOutcome.Converged);
        run.Epochs.Should().Be(run.ConvergedEpoch!.Value);
        run.Metrics.TrainLoss[^1].Should().BeLessThan(0.02);
        run.Metrics.TrainLoss[..^1].Should().OnlyContain(l => l >= 0.02);
    }

    [Fact]
    public void ExplodingLossIsReportedAsDivergedNotConverged()
    {
        var yaml = TestSpecs.Fit(optimizer: "{ kind: sgd, lr: 1.0e+6 }").Replace("max_epochs: 60", "max_epochs: 200\n    convergence: { loss_below: 0.02 }");
        var engine = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var run = engine.Run(engine.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        run.Outcome.Should().Be(RunOutcome.Diverged);
        run.ConvergedEpoch.Should().BeNull();
        run.DivergedEpoch.Should().Be(run.Epochs);
        double.IsFinite(run.Metrics.TrainLoss[^1]).Should().BeFalse();
    }

    [Fact]
    public void RecordsGradientNormPredictionsAndWeightSnapshots()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 10\n    record: { gradient_norm: true, predictions: true, weights_every: 5 }");
        var engine = TestSpecs.Engine(yaml, TestSpecs.TempDir());
        var run = engine.Run(engine.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        run.Metrics.GradientNorm.Should().HaveCount(10).And.OnlyContain(g => g > 0);
        run.Predictions.Should().HaveCount(64);
        run.WeightEpochs.Should().Equal(0, 5, 10);
        engine.Weights(run).Should().HaveCount(3).And.OnlyContain(w => w.Length == run.Parameters);
    }

    [Fact]
    public void TheCodesTensorMeanGradientNormIsBelowTheWholeVectorsNorm()
    {
        // For tensors with norms g_i: mean(g_i) ≤ sqrt(Σ g_i²), with equality only for one tensor; the small model has four.
        string Yaml(string kind) => TestSpecs.Fit().Replace("max_epochs: 60", $"max_epochs: 3\n    record: {{ gradient_norm: true{kind} }}");
        var whole = TestSpecs.Engine(Yaml(""), TestSpecs.TempDir());
        var mean = TestSpecs.Engine(Yaml(", gradient_norm_kind: tensor_mean"), TestSpecs.TempDir());
        var a = whole.Run(whole.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        var b = mean.Run(mean.Spec.Experiment("tiny-fit", Profile.Full), "small", 1, cancel: TestContext.Current.CancellationToken);
        b.Metrics.TrainLoss.Should().Equal(a.Metrics.TrainLoss, "recording a norm never changes training");
        b.Metrics.GradientNorm!.Zip(a.Metrics.GradientNorm!).Should().OnlyContain(p => p.First > 0 && p.First < p.Second);
        Research.Runs.RunKey.For(whole.Spec.Experiment("tiny-fit", Profile.Full), whole.Spec.DatasetOf(whole.Spec.Experiment("tiny-fit", Profile.Full)), "small", 1)
            .Should().NotBe(Research.Runs.RunKey.For(mean.Spec.Experiment("tiny-fit", Profile.Full), mean.Spec.DatasetOf(mean.Spec.Experiment("tiny-fit", Profile.Full)), "small", 1));
    }
}

/// <summary>A libtorch error during training names the run and epoch, with libtorch's message and no stack trace (issue 19).</summary>
public class TrainingFailureTests
{
    [Fact]
    public void ALibTorchErrorBecomesAFailedRunNamingExperimentModelSeedAndEpoch()
    {
        var engine = TestSpecs.Engine(TestSpecs.Fit(), TestSpecs.TempDir());
        var e = engine.Spec.Experiment("tiny-fit", Profile.Full);
        using var scope = TorchSharp.torch.NewDisposeScope();
        // Three input features where the model's first layer takes one: libtorch refuses the matrix product.
        var data = new Research.Data.TrainingData("wrong width", TorchSharp.torch.zeros(8, 3), TorchSharp.torch.zeros(8, 1), null, null, "none");
        var train = () => new Trainer().Train(e, engine.Spec.DatasetOf(e), "small", 1, data, cancel: TestContext.Current.CancellationToken);
        var failure = train.Should().Throw<TrainingFailedException>().Which;
        failure.Message.Should().StartWith("tiny-fit small seed 1 failed at epoch 1: libtorch: ");
        failure.NativeMessage.Should().Contain("shapes cannot be multiplied").And.NotContain("\n");
        failure.InnerException.Should().BeAssignableTo<System.Runtime.InteropServices.ExternalException>();
    }
}
