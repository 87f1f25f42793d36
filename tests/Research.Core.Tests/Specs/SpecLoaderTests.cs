using FluentAssertions;
using Research.Runs;
using Research.Specs;
using Research.Tests.Support;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Tests.Specs;

public class SpecLoaderTests
{
    static IReadOnlyList<SpecError> ErrorsOf(string yaml)
    {
        var act = () => TestSpecs.Parse(yaml);
        return act.Should().Throw<SpecException>().Which.Errors;
    }

    [Fact]
    public void AnErratumNamingAClaimThatDoesNotExistIsAnErrorAtItsEntry()
    {
        var yaml = TestSpecs.Fit() + "\nerrata:\n  - { section: \"1\", text: t, code: c, where: w, bears: b, claims: [no-such-claim] }\n";
        var act = () => TestSpecs.Parse(yaml);
        act.Should().Throw<SpecException>().WithMessage("*test.yaml:*errata[0].claims: unknown claim 'no-such-claim'*");
        TestSpecs.Parse(TestSpecs.Fit() + "\nerrata:\n  - { section: \"1\", text: t, code: c, where: w, bears: b }\n").Errata.Should().ContainSingle()
            .Which.Where.Should().Be("w");
    }

    [Fact]
    public void EachModelsSettingsAreResolvedAtLoadModelOverExperimentPerProfile()
    {
        var yaml = TestSpecs.Fit(extra:
            "      big:\n        label: Big\n        batch_size: 16\n        layers: [dense: 32, tanh, dense: 1]\n" +
            "        optimizer: { kind: sgd, lr: 0.1 }\n    batch_size: 8\n    profiles: { ci: { max_epochs: 3, batch_size: 4 } }");
        var spec = TestSpecs.Parse(yaml);
        var full = spec.Experiment("tiny-fit", Profile.Full);
        full.Models["small"].Settings.Batch.Should().Be(new BatchSize(8), "a model without its own batch size trains at the experiment's");
        full.Models["big"].Settings.Batch.Should().Be(new BatchSize(16), "a model's own batch size wins");
        full.Models["big"].Settings.Optimizer.Kind.Should().Be(OptimizerKind.Sgd);
        full.Models["small"].Settings.MaxEpochs.Should().Be(60);
        var ci = spec.Experiment("tiny-fit", Profile.Ci);
        ci.Models["small"].Settings.Batch.Should().Be(new BatchSize(4), "the profile's override is resolved too");
        ci.Models["small"].Settings.MaxEpochs.Should().Be(3);
        ci.Models["big"].Settings.Batch.Should().Be(new BatchSize(16));
    }

    [Fact]
    public void RepositorySpecLoadsWithEveryExperimentInEveryVariantAndProfile()
    {
        var spec = SpecLoader.Load(new RepoPaths(TestSpecs.RepoRoot).Spec);
        spec.Experiments.Should().ContainKeys("fit-sinc", "fit-sign", "cnn-depth", "pca-trajectories", "gradient-norm",
            "random-labels", "parameters-vs-generalization", "flatness-batch", "sensitivity-batch");
        foreach (var (id, resolved) in spec.Experiments)
        {
            resolved.HasVariants.Should().BeTrue($"{id} declares its three settings (issue 22)");
            foreach (var v in Variants.All)
                foreach (var p in new[] { Profile.Ci, Profile.Full })
                    resolved[p, v].Should().Match<ExperimentSpec>(e => e.Profile == p && e.Variant == v);
        }
        spec.Experiment("fit-sinc", Profile.Full).Models["model-1"].Optimizer.Lr.Should().Be(0.0012);
        spec.Experiment("fit-sinc", Profile.Ci).Seeds.Should().HaveCount(5, "as written, ci judges the full profile's seeds (one verdict flipped between CPU kernels on three)");
        spec.Experiment("fit-sinc", Profile.Ci, Variant.Harness).Seeds.Should().HaveCount(3);
        spec.Experiment("fit-sinc", Profile.Full, Variant.AsRun).Seeds.Should().Equal([1]);
        spec.Experiment("fit-sinc", Profile.Full).Seeds.Should().HaveCount(5);
    }

    [Fact]
    public void ADeclaredParameterCountTheLayersDoNotGiveIsAnErrorAtItsLine()
    {
        // dense 16 on one input, tanh, dense 1: (1 + 1)·16 + (16 + 1)·1 = 49 parameters.
        var yaml = TestSpecs.Fit().Replace("label: Small", "label: Small\n        parameters: 50");
        var error = ErrorsOf(yaml).Should().ContainSingle().Which;
        error.ToString().Should().Be(
            "test.yaml:19:21 experiments.tiny-fit.models.small.parameters: declares 50 parameters but its layers give 49 on tiny's input [1]: correct the count or the layers");
        TestSpecs.Parse(TestSpecs.Fit().Replace("label: Small", "label: Small\n        parameters: 49")).Experiments.Should().ContainKey("tiny-fit");
    }

    [Fact]
    public void UnknownKeyReportsLineColumnPathAndSuggestion()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 60\n    max_epoch: 60");
        var error = ErrorsOf(yaml).Should().ContainSingle().Which;
        error.ToString().Should().Be(
            "test.yaml:15:5 experiments.tiny-fit.max_epoch: unknown key 'max_epoch'; did you mean 'max_epochs'? " +
            "allowed: section, title, notes, dataset, train_samples, test_samples, loss, batch_size, max_epochs, convergence, record, critical_point, analysis, seeds, seeding, shuffle, checkpoint_every, threads, models, columns, figures");
    }

    [Fact]
    public void DuplicateKeyIsAnErrorNamingTheFirstDefinition()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: 60\n    max_epochs: 70");
        ErrorsOf(yaml).Should().ContainSingle().Which.ToString()
            .Should().Be("test.yaml:15:5 experiments.tiny-fit.max_epochs: duplicate key 'max_epochs' (first defined at line 14)");
    }

    [Fact]
    public void WrongTypeNamesTheKeyPath()
    {
        var yaml = TestSpecs.Fit().Replace("max_epochs: 60", "max_epochs: sixty");
        ErrorsOf(yaml).Should().ContainSingle().Which.ToString()
            .Should().Be("test.yaml:14:17 experiments.tiny-fit.max_epochs: expected an integer, got 'sixty'");
    }

    [Fact]
    public void MissingRequiredFieldIsReported()
    {
        var yaml = TestSpecs.Fit().Replace("    loss: mse\n", "");
        ErrorsOf(yaml).Should().ContainSingle().Which.Message.Should().Be("missing required key 'loss'");
    }

    [Fact]
    public void OutOfRangeValueIsReported()
    {
        var yaml = TestSpecs.Fit(optimizer: "{ kind: adam, lr: 0 }");
        ErrorsOf(yaml).Should().ContainSingle().Which.ToString().Should().EndWith("experiments.tiny-fit.models.small.optimizer.lr: 0 must be > 0");
    }

    [Theory]
    [InlineData("layers: [dense: 16, relux, dense: 1]", "unknown layer 'relux' (did you mean 'relu'?); allowed: dense, conv2d, maxpool, dropout, flatten, relu, leaky_relu, selu, tanh, sigmoid")]
    [InlineData("layers: [dense: 16, tanh, dense: 1]\n        batch_size: 0", "batch size must be a positive integer or 'full', got '0'")]
    public void BadLayersAndSizesListWhatIsAllowed(string replacement, string message)
    {
        var yaml = TestSpecs.Fit().Replace("layers: [dense: 16, tanh, dense: 1]", replacement);
        ErrorsOf(yaml).Should().ContainSingle().Which.Message.Should().Be(message);
    }

    [Fact]
    public void UnknownLossAndOptimizerListTheAllowedValues()
    {
        var yaml = TestSpecs.Fit(optimizer: "{ kind: adamw, lr: 0.01 }").Replace("loss: mse", "loss: mae");
        ErrorsOf(yaml).Select(e => e.Message).Should().BeEquivalentTo(
            "unknown loss kind 'mae' (did you mean 'mse'?); allowed: mse, cross_entropy",
            "unknown optimizer kind 'adamw' (did you mean 'adam'?); allowed: adam, sgd");
    }

    [Fact]
    public void ShapesThatDoNotConnectAreRejectedBeforeTraining()
    {
        const string yaml = """
            schema: 1
            datasets:
              digits: { kind: mnist }
            experiments:
              cnn:
                section: "0"
                title: a broken cnn
                dataset: digits
                loss: cross_entropy
                max_epochs: 1
                seeds: [1]
                models:
                  tiny:
                    label: Tiny
                    layers: [conv2d: {out: 4, kernel: 24}, maxpool: 2, conv2d: {out: 4, kernel: 4}, flatten, dense: 10]
                    optimizer: { kind: sgd, lr: 0.1 }
            """;
        ErrorsOf(yaml).Should().ContainSingle().Which.ToString().Should()
            .Contain("experiments.cnn.models.tiny.layers[2]: conv2d kernel 4 is larger than its 2x2 input (padding 0)");
    }

    [Fact]
    public void EveryErrorIsReportedAtOnceInFileOrder()
    {
        var yaml = TestSpecs.Fit(optimizer: "{ kind: adam, lr: -1, momentun: 0.9 }")
            .Replace("max_epochs: 60", "max_epochs: -5").Replace("dataset: tiny", "dataset: tiyn");
        var errors = ErrorsOf(yaml);
        errors.Select(e => e.Message).Should().Contain([
            "unknown dataset 'tiyn' (did you mean 'tiny'?); datasets: tiny",
            "-5 must be >= 1",
            "-1 must be > 0"]);
        errors.Should().Contain(e => e.Message.StartsWith("unknown key 'momentun'; did you mean 'momentum'?"));
        errors.Select(e => e.Mark.Line).Should().BeInAscendingOrder();
    }

    [Fact]
    public void MalformedYamlReportsItsPosition()
    {
        var errors = ErrorsOf("schema: 1\ndatasets: {\nexperiments: [");
        errors.Should().ContainSingle().Which.ToString().Should().StartWith("test.yaml:").And.Contain("malformed YAML");
    }

    [Fact]
    public void CiProfileOverridesAndSetAssignmentsWinInThatOrder()
    {
        var yaml = TestSpecs.Fit().Replace("seeds: [1, 2]", "seeds: [1, 2]\n    profiles:\n      ci: { max_epochs: 7, models: { small: { optimizer: { lr: 0.5 } } } }");
        var spec = SpecLoader.Parse(yaml, "test.yaml", ["experiments.tiny-fit.max_epochs=9"]);
        spec.Experiment("tiny-fit", Profile.Full).MaxEpochs.Should().Be(9);
        spec.Experiment("tiny-fit", Profile.Ci).MaxEpochs.Should().Be(9);
        var ci = SpecLoader.Parse(yaml, "test.yaml").Experiment("tiny-fit", Profile.Ci);
        ci.MaxEpochs.Should().Be(7);
        ci.Models["small"].Optimizer.Lr.Should().Be(0.5);
        ci.Models["small"].Optimizer.WeightDecay.Should().Be(1e-4, "a profile overrides key by key, keeping the rest");
    }

    [Fact]
    public void ASetAssignmentToAModelThatDoesNotExistNamesTheModels()
    {
        var act = () => SpecLoader.Parse(TestSpecs.Fit(), "test.yaml", ["experiments.tiny-fit.models.smal.optimizer.lr=0.002"]);
        act.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle("not the missing keys of a new, incomplete model")
            .Which.ToString().Should().Be("--set:1:1 experiments.tiny-fit.models.smal: no model 'smal' in experiments.tiny-fit.models (did you mean 'small'?); models: small");
        var unknownExperiment = () => SpecLoader.Parse(TestSpecs.Fit(), "test.yaml", ["experiments.tiny.max_epochs=3"]);
        unknownExperiment.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle()
            .Which.Message.Should().StartWith("no experiment 'tiny' in experiments");
    }

    [Fact]
    public void UnknownProfileIsAnError()
    {
        var yaml = TestSpecs.Fit().Replace("seeds: [1, 2]", "seeds: [1, 2]\n    profiles:\n      nightly: { max_epochs: 7 }");
        ErrorsOf(yaml).Should().ContainSingle().Which.Message.Should().Be("unknown profile 'nightly'; allowed: ci, full");
    }

    [Fact]
    public void AResultsColumnThatIsNotAPerRunMeasureIsAnErrorWithAHint()
    {
        var act = () => TestSpecs.Parse(TestSpecs.Fit(extra: "    columns: [prediction_max_eror]"));
        act.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle()
            .Which.ToString().Should().Contain("experiments.tiny-fit.columns").And.Contain("did you mean 'prediction_max_error'");
        TestSpecs.Parse(TestSpecs.Fit(extra: "    columns: [prediction_max_error]")).Experiment("tiny-fit", Profile.Full).Columns
            .Should().Equal("prediction_max_error");
    }
}
