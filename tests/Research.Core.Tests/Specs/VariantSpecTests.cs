using FluentAssertions;
using Research.Specs;
using Research.Tests.Support;

namespace Research.Tests.Specs;

/// <summary>An experiment's three settings (issue 22): layering, the source every setting names, and a variant that cannot run.</summary>
public class VariantSpecTests
{
    // The tiny fit with three variants; {asRun} is the as_run variant's body.
    static string ThreeSettings(string asRun) => TestSpecs.Fit(extra: $$"""
            sources:
              dataset: "text §0"
              loss: "text §0"
              batch_size: "text §0"
              max_epochs: "text §0"
              seeding: "harness: each run its own, because runs then depend on their own seed alone"
              models: "text §0"
            variants:
              as_written:
                about: the text
                seeds: [1, 2]
                sources: { seeds: "harness: two seeds, because one cannot show a spread" }
              as_run:
        {{asRun}}
              harness:
                about: the harness
                seeds: [1, 2]
                max_epochs: 30
                sources: { seeds: "harness: two seeds, because one cannot show a spread", max_epochs: "harness: 30, because the fit is done by then" }
        """);

    const string AsRunOnce = """
                about: the code
                seeds: [1]
                sources: { seeds: "code cell 1 (manual_seed(1))" }
        """;

    [Fact]
    public void EachVariantLayersItsSettingsOverTheExperiment()
    {
        var spec = TestSpecs.Parse(ThreeSettings(AsRunOnce));
        var fit = spec.Experiments["tiny-fit"];
        fit.HasVariants.Should().BeTrue();
        fit[Profile.Full, Variant.AsRun].Seeds.Should().Equal(1);
        fit[Profile.Full, Variant.Harness].MaxEpochs.Should().Be(30);
        fit[Profile.Full, Variant.AsWritten].MaxEpochs.Should().Be(60, "as written keeps the experiment's own");
        fit.Runnable.Should().Equal(Variant.AsWritten, Variant.AsRun, Variant.Harness);
    }

    [Fact]
    public void ASettingWithoutASourceIsAnErrorNamingItsVariantAndKey()
    {
        var yaml = ThreeSettings("""
                about: the code
                seeds: [1]
        """);
        var act = () => TestSpecs.Parse(yaml);
        var error = act.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle().Which;
        error.ToString().Should().StartWith("test.yaml:").And.Contain("tiny-fit").And.Contain("as_run").And.Contain("seeds");
    }

    [Fact]
    public void AnUnavailableVariantIsNotRunnable()
    {
        var fit = TestSpecs.Parse(ThreeSettings("""
                about: not built
                unavailable: the code's measure is not built
        """)).Experiments["tiny-fit"];
        fit.Runnable.Should().Equal(Variant.AsWritten, Variant.Harness);
        fit[Profile.Full, Variant.AsRun].Unavailable.Should().Be("the code's measure is not built");
    }
}
