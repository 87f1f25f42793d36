using System.Reflection;
using FluentAssertions;
using Research.Measures;
using Research.Training;

namespace Research.Tests.Measures;

/// <summary>The registry is the one list of measures: complete, unique by name, and each writes numbers in its own style.</summary>
public class MeasureRegistryTests
{
    [Fact]
    public void EveryRegisteredMeasureIsListedOnceUnderAUniqueName()
    {
        var fields = typeof(Measure).GetFields(BindingFlags.Public | BindingFlags.Static);
        fields.Where(f => f.FieldType == typeof(Measure)).Select(f => (Measure)f.GetValue(null)!)
            .Should().BeEquivalentTo(Measure.All, "a measure declared but not in All would be invisible to claims, baselines and the report");
        fields.Where(f => f.FieldType == typeof(SeriesMeasure)).Select(f => (SeriesMeasure)f.GetValue(null)!)
            .Should().BeEquivalentTo(Measure.Series);
        Measure.Names.Concat(Measure.SeriesNames).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("converged_epoch", 2186, "2,186")]
    [InlineData("converged_epoch", double.PositiveInfinity, "never")]
    [InlineData("converged", 1, "yes")]
    [InlineData("final_test_accuracy", 0.9866, "98.66%")]
    [InlineData("epoch_train_accuracy_50", 6, "6")]
    [InlineData("pca_layer_agreement", 0.999941, "0.99994")]
    [InlineData("final_train_loss", 0.000123456, "0.0001235")]
    [InlineData("train_accuracy", 0.5, "50%")]
    [InlineData("min_train_loss", 0.0241963, "0.0242")]
    [InlineData("not_a_measure", 0.5, "0.5")]
    public void NumbersAreWrittenInTheirMeasuresStyle(string name, double value, string expected) =>
        Measure.Format(name, value).Should().Be(expected);

    [Fact]
    public void AnUnknownNameIsAnErrorThatListsTheMeasures()
    {
        var act = () => Measure.Get("final_train_los");
        act.Should().Throw<ArgumentException>().WithMessage("unknown metric 'final_train_los'; metrics: converged, converged_epoch, *");
    }

    static RunResult Run() => new()
    {
        Experiment = "x", Model = "a", Seed = 1, Profile = "ci", Parameters = 10, Outcome = RunOutcome.MaxEpochs, Epochs = 1,
        Metrics = new MetricSeries { Epochs = [1], TrainLoss = [0.5] },
        Provenance = null!,
    };

    [Fact]
    public void AnExperimentWideMeasureIsNotReadPerRunAndNeverDefaultsToZero()
    {
        var perRun = () => Measure.PcaLayerAgreement.Of(Run());
        perRun.Should().Throw<InvalidOperationException>().WithMessage("*one value per experiment*");
        var missing = () => Measure.PcaLayerAgreement.Of(new Dictionary<string, double>());
        missing.Should().Throw<InvalidOperationException>().WithMessage("*needs the experiment's analysis: pca*");
        Measure.PcaLayerAgreement.Of(new Dictionary<string, double> { ["pca_layer_agreement"] = 0.9 }).Should().Be(0.9);
    }
}
