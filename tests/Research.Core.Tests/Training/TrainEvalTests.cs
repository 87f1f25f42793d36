using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Training;

/// <summary>
/// Issue 15: training metrics in eval mode (record.train_eval) are measured beside the running means, after the
/// epoch, without dropout, and recording them changes nothing about the training itself.
/// </summary>
public class TrainEvalTests
{
    static string Spec(string record) => $$"""
        schema: 1
        datasets:
          mnist: { kind: mnist }
        experiments:
          small:
            section: "1.2"
            title: eval-mode probe
            dataset: mnist
            train_samples: 1200
            test_samples: 300
            loss: cross_entropy
            batch_size: 100
            max_epochs: 2
            seeds: [1]
            record: {{record}}
            models:
              mlp:
                label: MLP with dropout
                layers: [flatten, dense: 64, relu, dropout: 0.5, dense: 10]
                optimizer: { kind: adam, lr: 1.0e-3 }
        """;

    [Fact]
    public void EvalModeTrainingMetricsSitBesideTheRunningMeansAndLeaveTrainingAsItWas()
    {
        var cancel = TestContext.Current.CancellationToken;
        var plain = TestSpecs.Engine(Spec("{ accuracy: true, test: true }"), TestSpecs.TempDir());
        var eval = TestSpecs.Engine(Spec("{ accuracy: true, test: true, train_eval: true }"), TestSpecs.TempDir());
        var a = plain.Run(plain.Spec.Experiment("small", Profile.Full), "mlp", 1, cancel: cancel).Metrics;
        var b = eval.Run(eval.Spec.Experiment("small", Profile.Full), "mlp", 1, cancel: cancel).Metrics;

        a.TrainEvalLoss.Should().BeNull("unasked, nothing is measured (and the run key is what it was)");
        b.TrainLoss.Should().Equal(a.TrainLoss, "the eval pass draws no random numbers and updates nothing");
        b.TestLoss.Should().Equal(a.TestLoss);
        b.TrainEvalLoss.Should().HaveCount(2, "measured at the test epochs: here every epoch");
        b.TrainEvalAccuracy.Should().HaveCount(2);
        b.TrainEvalLoss![^1].Should().BeLessThan(b.TrainLoss[^1],
            "without dropout and after the epoch's updates the training loss is lower than the running mean with dropout on");
    }

    [Fact]
    public void EvalModeTrainingMetricsNeedTheTestPass()
    {
        var act = () => TestSpecs.Parse(Spec("{ accuracy: true, train_eval: true }"));
        act.Should().Throw<SpecException>().WithMessage("*record.train_eval: the training set is evaluated when the test set is: set record.test too*");
    }
}
