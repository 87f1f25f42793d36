using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Specs;

/// <summary>Validation of an experiment's analysis: section.</summary>
public class AnalysisSpecTests
{
    static string Digits(string record, string analysis) => $$"""
        schema: 1
        datasets:
          digits: { kind: mnist }
        experiments:
          lines:
            section: "0"
            title: interpolation
            dataset: digits
            loss: cross_entropy
            max_epochs: 3
            seeds: [1]
        {{record}}
            analysis:
        {{analysis}}
            models:
              a:
                label: A
                layers: [flatten, dense: 10]
                optimizer: { kind: sgd, lr: 0.1 }
              b:
                label: B
                layers: [flatten, dense: 10]
                optimizer: { kind: sgd, lr: 0.01 }
        """;

    const string Weights = "    record: { weights_every: 3 }";

    static IReadOnlyList<SpecError> ErrorsOf(string yaml)
    {
        var act = () => TestSpecs.Parse(yaml);
        return act.Should().Throw<SpecException>().Which.Errors;
    }

    [Fact]
    public void AValidAnalysisLoads()
    {
        var e = TestSpecs.Parse(Digits(Weights, """
                  interpolation: { pairs: [{ from: a, to: b }], count: 5 }
                  sensitivity: { batch: 50 }
                  pca: { layer_parameters: 7850 }
            """)).Experiment("lines", Profile.Full);
        e.Analysis!.Interpolation!.Pairs.Should().ContainSingle().Which.Should().Be(new ModelPairSpec { From = "a", To = "b" });
        e.Analysis.Interpolation.Count.Should().Be(5);
        e.Analysis.Sensitivity!.Batch.Should().Be(50);
        e.Analysis.Pca!.LayerParameters.Should().Be(7850);
    }

    [Fact]
    public void AnUnknownModelInAPairIsNamedWithItsPath()
    {
        var error = ErrorsOf(Digits(Weights, "      interpolation: { pairs: [{ from: a, to: nope }] }")).Should().ContainSingle().Which;
        error.Path.Should().Be("experiments.lines.analysis.interpolation.pairs[0].to");
        error.Message.Should().Be("unknown model 'nope'; models: a, b");
        error.ToString().Should().Contain("experiments.lines.analysis.interpolation.pairs[0].to: unknown model 'nope'");
    }

    [Fact]
    public void AModelInTwoPairsAndAnEmptyGridAreErrors()
    {
        var errors = ErrorsOf(Digits(Weights, "      interpolation: { pairs: [{ from: a, to: b }, { from: b, to: a }], from: 1, to: 1 }"));
        errors.Select(e => e.ToString()).Should().Contain(s => s.Contains("pairs[1].from: model 'b' is in two pairs"))
            .And.Contain(s => s.Contains("pairs[1].to: model 'a' is in two pairs"))
            .And.Contain(s => s.Contains("analysis.interpolation.from: from must be below to"));
    }

    [Theory]
    [InlineData("      pca: { layer_parameters: 10 }")]
    [InlineData("      interpolation: { pairs: [{ from: a, to: b }] }")]
    [InlineData("      sensitivity: { batch: 10 }")]
    public void AnalysesNeedTheRunsWeights(string analysis)
    {
        var error = ErrorsOf(Digits("", analysis)).Should().ContainSingle().Which;
        error.Path.Should().Be("experiments.lines.analysis");
        error.Message.Should().StartWith("analyses read the runs' weights: set record: { weights_every: N }");
    }

    [Theory]
    [InlineData("      interpolation: { pairs: [{ from: a, to: b }] }")]
    [InlineData("      sensitivity: { batch: 10 }")]
    public void FinalWeightAnalysesNeedASnapshotAtTheLastEpoch(string analysis)
    {
        // max_epochs 3, weights_every 2: snapshots at epochs 0 and 2, so the "final" weights would be epoch 2's.
        var error = ErrorsOf(Digits("    record: { weights_every: 2 }", analysis)).Should().ContainSingle().Which;
        error.Path.Should().Be("experiments.lines.record.weights_every");
        error.Message.Should().Contain("weights_every 2 does not divide max_epochs 3");
        TestSpecs.Parse(Digits("    record: { weights_every: 2 }", "      pca: { layer_parameters: 10 }"))
            .Experiment("lines", Profile.Full).Analysis!.Pca.Should().NotBeNull("the PCA reads every snapshot, not the last one");
    }

    [Fact]
    public void TheCodesSensitivityReadsTheRecordedGradientNormAndNeedsNoWeights()
    {
        var e = TestSpecs.Parse(Digits("    record: { gradient_norm: true, gradient_norm_kind: tensor_mean }", """
                  sensitivity: { of: parameter_gradient }
            """)).Experiment("lines", Profile.Full);
        e.Analysis!.Sensitivity!.Of.Should().Be(SensitivityKind.ParameterGradient);
        e.Record.GradientNormKind.Should().Be(GradientNormKind.TensorMean);

        ErrorsOf(Digits("    record: { accuracy: true }", "      sensitivity: { of: parameter_gradient }")).Should().ContainSingle().Which.ToString()
            .Should().Contain("experiments.lines.analysis.sensitivity.of: parameter_gradient reads each run's recorded gradient norm: set record: { gradient_norm: true }");
    }

    [Fact]
    public void APairsRetrainingLoads()
    {
        var e = TestSpecs.Parse(Digits(Weights, """
                  interpolation:
                    pairs: [{ from: a, to: b, retrain: { batch_size: 500, optimizer: { kind: adam, lr: 4.0e-4 }, reseed: true } }]
            """)).Experiment("lines", Profile.Full);
        var retrain = e.Analysis!.Interpolation!.Pairs[0].Retrain!;
        retrain.Epochs.Should().Be(1);
        retrain.BatchSize.Should().Be(new BatchSize(500));
        retrain.Optimizer.Lr.Should().Be(4e-4);
        retrain.Reseed.Should().BeTrue();
    }

    [Fact]
    public void SensitivityNeedsAClassifier()
    {
        var yaml = TestSpecs.Fit(extra: "    record: { weights_every: 60 }\n    analysis: { sensitivity: { batch: 10 } }");
        ErrorsOf(yaml).Should().ContainSingle().Which.ToString()
            .Should().EndWith("experiments.tiny-fit.analysis.sensitivity: sensitivity is defined for classifiers (softmax outputs)");
    }

    [Fact]
    public void FiguresNamingUnknownSeriesModelsOrAnalysesFailAtLoadTime()
    {
        var yaml = Digits(Weights, """
                  sensitivity: { batch: 50 }
            """).Replace("    models:\n      a:", """
                figures:
                  - { number: 1, caption: c, kind: curves, series: [train_los], models: [c] }
                  - { number: 2, caption: c, kind: sweep, x: batchsize, series: [final_test_loss], right: sensitivty }
                  - { number: 3, caption: c, kind: pca }
                  - { number: 4, caption: c, kind: interpolation }
                models:
                  a:
            """.Replace("            ", "    "));
        var messages = ErrorsOf(yaml).Select(e => e.ToString()).ToList();
        messages.Should().Contain(m => m.Contains("figures[0].series") && m.Contains("unknown series 'train_los'") && m.Contains("did you mean 'train_loss'"));
        messages.Should().Contain(m => m.Contains("figures[0].models") && m.Contains("unknown models 'c'"));
        messages.Should().Contain(m => m.Contains("figures[1].x") && m.Contains("'batchsize'"));
        messages.Should().Contain(m => m.Contains("figures[1].right") && m.Contains("did you mean 'sensitivity'"));
        messages.Should().Contain(m => m.Contains("figures[2]") && m.Contains("needs analysis: { pca"));
        messages.Should().Contain(m => m.Contains("figures[3]") && m.Contains("needs analysis: { interpolation"));
    }
}
