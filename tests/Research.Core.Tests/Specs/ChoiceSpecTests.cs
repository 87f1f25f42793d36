using FluentAssertions;
using Research.Claims;
using Research.Outcomes;
using Research.IO;
using Research.Runs;
using Research.Specs;
using Research.Specs.Loading;
using Research.Tests.Support;
using Xunit;

namespace Research.Tests.Specs;

/// <summary>Choices and their alternatives (issue 15): declared in experiments.yaml, checked at load time, judged by <see cref="Robustness"/>.</summary>
public sealed class ChoiceSpecTests
{
    static readonly string Claim = """
        claims:
          small-fits:
            section: "0"
            quote: q
            source: text
            kind: range
            experiment: tiny-fit
            metric: final_train_loss
            models: [small]
            max: 10
            reason: r
            expect: holds
        """;

    /// <summary>Loading <paramref name="yaml"/> fails with one error that names test.yaml's line and says <paramref name="message"/>.</summary>
    static void FailsToLoad(string yaml, string message)
    {
        var act = () => TestSpecs.Parse(yaml);
        act.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle()
            .Which.ToString().Should().Contain(message).And.Contain("test.yaml:");
    }

    static string WithChoices(string alternatives) => TestSpecs.Fit() + "\n" + Claim + $$"""

        choices:
          budget:
            question: q
            default: d
            reason: r
            alternatives:
        {{alternatives}}
        """;

    [Fact]
    public void EveryAlternativeAndInteractionOfExperimentsYamlLoadsAndChangesAClaimsInputs()
    {
        var path = new RepoPaths(TestSpecs.RepoRoot).Spec;
        var spec = SpecLoader.Load(path);
        spec.Choices.Should().NotBeEmpty();
        foreach (var (choice, alt) in spec.Choices.Values.SelectMany(c => c.Alternatives.Values.Where(a => a.Unavailable is null).Select(a => (c, a))))
        {
            var other = SpecLoader.Load(path, alt.Set);
            Robustness.Changed(spec, other, Profile.Full, Variant.AsWritten)
                .Should().NotBeEmpty($"{choice.Id}: {alt.Id} should change what some claim is judged on as written");
        }
        foreach (var interaction in spec.Interactions.Values)
            Robustness.Meet(spec, interaction, Profile.Full, Variant.AsWritten)
                .Should().NotBeEmpty($"the alternatives of the interaction {interaction.Id} should meet in some claim as written");
    }

    [Fact]
    public void AnAlternativeReplacesASettingWholeWhereItSetsItsPartsToNull()
    {
        var path = new RepoPaths(TestSpecs.RepoRoot).Spec;
        var spec = SpecLoader.Load(path);
        var other = SpecLoader.Load(path, spec.Choices["convergence-rule"].Alternatives["first-below-1e-3"].Set);
        spec.Experiment("fit-sinc", Profile.Full).Convergence!.FlatFor.Should().Be(2);
        other.Experiment("fit-sinc", Profile.Full).Convergence.Should().BeEquivalentTo(new ConvergenceSpec { LossBelow = 1e-3 });
    }

    [Theory]
    [InlineData("experiments.tiny-fut.max_epochs=3", "choices.budget.alternatives.short.set[0]: no experiment 'tiny-fut' (did you mean 'tiny-fit'?)")]
    [InlineData("max_epochs=3", "choices.budget.alternatives.short.set[0]: 'max_epochs=3' is not of the form experiments.ID.path=value")]
    public void AnAlternativeNamingWhatDoesNotExistIsAnErrorAtLoadTime(string assignment, string message)
    {
        FailsToLoad(WithChoices($"""
                  short:
                    about: a
                    set: ["{assignment}"]
            """), message);
    }

    [Fact]
    public void EachAlternativeIsJudgedOnTheClaimsItChangesAndANoOpOnNone()
    {
        var dir = TestSpecs.TempDir();
        var file = Path.Combine(dir, "spec.yaml");
        File.WriteAllText(file, WithChoices("""
                  shorter:
                    about: fewer epochs, the claim's bound unchanged
                    set: ["experiments.tiny-fit.max_epochs=30"]
                  strict:
                    about: a bound no fit meets
                    set: ["claims.small-fits.max=1.0e-12"]
                    flips: [small-fits]
                  same:
                    about: the default's own budget
                    set: ["experiments.tiny-fit.max_epochs=60"]
                  later:
                    about: not implemented
                    unavailable: because
            """));
        var engine = new Engine(SpecLoader.Load(file), new RepoPaths(TestSpecs.RepoRoot, Path.Combine(dir, "cache")));
        var reproduction = new Reproduction(engine);
        var declared = Robustness.Declared(engine.Spec, Profile.Full).ToList();
        declared.Select(d => d.Alternative.Id).Should().Equal("shorter", "strict", "same");
        Robustness.Declared(engine.Spec, Profile.Ci).Should().BeEmpty("no alternative is marked ci");

        var result = Robustness.Judge(reproduction, Profile.Full, Variant.AsWritten, declared, cancel: TestContext.Current.CancellationToken);

        result.Alternatives.Select(a => a.Claims.Count).Should().Equal(1, 1, 0);
        var claim = result.Of("small-fits")!;
        claim.Default.Verdict.Should().Be(Verdict.Holds);
        (claim.Holding, claim.Judged).Should().Be((1, 2));
        claim.Flips.Should().ContainSingle().Which.Alternative.Alternative.Id.Should().Be("strict");
        result.Unexpected.Should().BeEmpty("the strict alternative records the flip it makes");
    }

    [Fact]
    public void RecordedFlipsOfClaimsLeftOutOfTheJudgingAreNotMissing()
    {
        var alternative = new AlternativeSpec { About = "a", FlipsCi = ["a"] };
        alternative.FlipsAsRecorded(Profile.Ci, [], among: new HashSet<string> { "b" }).Should().BeTrue("a was not judged (research robustness -c …)");
        alternative.FlipsAsRecorded(Profile.Ci, [], among: new HashSet<string> { "a", "b" }).Should().BeFalse();
    }

    [Fact]
    public void AClaimWhoseDefaultTheCpuDecidedHereIsLeftOutOfTheFlipCheck()
    {
        // Recorded where the default deviates and the alternative holds (a flip); on a CPU where the default holds too,
        // the alternative flips nothing, and a new flip may appear against the other default.
        var alternative = new AlternativeSpec { About = "a", Flips = ["by-cpu", "a"] };
        alternative.FlipsAsRecorded(Profile.Full, ["a"]).Should().BeFalse();
        alternative.FlipsAsRecorded(Profile.Full, ["a"], decidedByCpu: ["by-cpu"]).Should().BeTrue();
        alternative.FlipsAsRecorded(Profile.Full, ["a", "by-cpu"], decidedByCpu: ["by-cpu"]).Should().BeTrue();
        alternative.FlipsAsRecorded(Profile.Full, ["by-cpu"], decidedByCpu: ["by-cpu"]).Should().BeFalse("a's flip does not rest on that default");
    }

    [Fact]
    public void AClaimRecordedAsVaryingByCpuIsLeftOutOfTheFlipCheckAndMustNameAClaim()
    {
        var alternative = new AlternativeSpec { About = "a", FlipsCi = ["a", "tie"], VariesByCpuCi = ["tie"] };
        alternative.FlipsAsRecorded(Profile.Ci, ["a", "tie"]).Should().BeTrue();
        alternative.FlipsAsRecorded(Profile.Ci, ["a"]).Should().BeTrue("the tie fell the other way on this CPU");
        alternative.FlipsAsRecorded(Profile.Ci, ["tie"]).Should().BeFalse("a's flip is not CPU-dependent");
        alternative.FlipsAsRecorded(Profile.Full, ["a"]).Should().BeNull("nothing is recorded on full");

        var act = () => TestSpecs.Parse(WithChoices("""
                  strict:
                    about: a
                    set: ["claims.small-fits.max=1.0e-12"]
                    flips_ci: [small-fits]
                    varies_by_cpu_ci: [small-fist]
            """));
        act.Should().Throw<SpecException>().Which.Errors.Should().ContainSingle()
            .Which.ToString().Should().Contain("varies_by_cpu_ci").And.Contain("unknown claim 'small-fist' (did you mean 'small-fits'?)");
    }

    [Theory]
    [InlineData("flips: []\n        pending_in: [tiny-fut]", "choices.budget.alternatives.short.pending_in: unknown experiment 'tiny-fut' (did you mean 'tiny-fit'?)")]
    [InlineData("pending_in: [tiny-fit]", "pending_in names what is not yet judged beside the flips recorded for the rest: record flips too")]
    [InlineData("flips: [small-fits]\n        pending_in: [tiny-fit]", "'small-fits' is a claim of tiny-fit, which pending_in says is not yet judged")]
    public void AnAlternativeJudgedInPartNamesTheExperimentsStillPendingAndRecordsNoFlipThere(string record, string message)
    {
        FailsToLoad(WithChoices($"""
                  short:
                    about: a
                    set: ["experiments.tiny-fit.max_epochs=3"]
                    {record}
            """), message);
    }

    [Fact]
    public void TheRecordedCurveReadsEachAlternativesFlipsWithoutTraining()
    {
        var path = Path.Combine(TestSpecs.TempDir(), "experiments.yaml");
        File.WriteAllText(path, WithChoices("""
                  strict:
                    about: a
                    set: ["claims.small-fits.max=1.0e-12"]
                    flips: [small-fits]
                  loose:
                    about: a
                    set: ["claims.small-fits.max=100"]
                    flips: []
                  unmeasured:
                    about: a
                    set: ["experiments.tiny-fit.max_epochs=3"]
                  partial:
                    about: a
                    set: ["experiments.tiny-fit.max_epochs=4"]
                    flips: []
                    pending_in: [tiny-fit]
            """));
        var spec = SpecLoader.Load(path);
        var curve = RecordedRobustness.Of(spec, Profile.Full, Robustness.Declared(spec, Profile.Full), spec.Claims.Values).Single();

        curve.Under.Select(u => (u.Alternative, u.State)).Should().Equal(
            ("budget: strict", RecordedState.Flipped), ("budget: loose", RecordedState.Kept),
            ("budget: unmeasured", RecordedState.Unrecorded), ("budget: partial", RecordedState.Pending));
        curve.Default.Should().Be(Verdict.Holds);
        (curve.Holding, curve.Judged).Should().Be((1, 2), "it holds under loose, not under strict; the other two are owed");
        curve.Owed.Should().Equal("budget: unmeasured", "budget: partial");
    }
    /// <summary>Two choices, <c>budget</c> (an experiment setting: both claims) and <c>bound</c> (one claim's own), and the interactions given.</summary>
    static string WithTwoChoices(string interactions) => TestSpecs.Fit() + "\n" + Claim + "\n" +
        Claim["claims:\n".Length..].Replace("small-fits:", "small-fits-loosely:").Replace("max: 10", "max: 100") + "\n" + """
        choices:
          budget:
            question: q
            default: d
            reason: r
            alternatives:
              shorter:
                about: fewer epochs
                set: ["experiments.tiny-fit.max_epochs=30"]
                flips: []
          bound:
            question: q
            default: d
            reason: r
            alternatives:
              strict:
                about: a bound no fit meets
                set: ["claims.small-fits.max=1.0e-12"]
                flips: [small-fits]

        interactions:
        """ + "\n" + interactions;

    [Fact]
    public void AnInteractionIsJudgedWithItsAlternativesTogetherOnTheClaimsTheyAllChange()
    {
        var dir = TestSpecs.TempDir();
        var file = Path.Combine(dir, "spec.yaml");
        File.WriteAllText(file, WithTwoChoices("""
              both:
                about: the shorter budget under the strict bound
                of: { budget: shorter, bound: strict }
                flips: [small-fits]
            """));
        var engine = new Engine(SpecLoader.Load(file), new RepoPaths(TestSpecs.RepoRoot, Path.Combine(dir, "cache")));
        var interaction = engine.Spec.Interactions["both"];
        interaction.Set(engine.Spec).Should().Equal("experiments.tiny-fit.max_epochs=30", "claims.small-fits.max=1.0e-12");
        Robustness.DeclaredInteractions(engine.Spec, Profile.Ci).Should().BeEmpty("it is not marked ci");

        var result = Robustness.Judge(new Reproduction(engine), Profile.Full, Variant.AsWritten, Robustness.Declared(engine.Spec, Profile.Full),
            cancel: TestContext.Current.CancellationToken, interactions: Robustness.DeclaredInteractions(engine.Spec, Profile.Full));

        var pair = result.Interactions.Should().ContainSingle().Subject;
        pair.Name.Should().Be("budget: shorter + bound: strict");
        pair.Claims.Select(c => c.Claim.Id).Should().Equal(["small-fits"], "only the budget changes small-fits-loosely, so the choices meet in small-fits alone");
        pair.Claims.Single().Verdict.Should().Be(Verdict.Deviates);
        RobustnessResult.Flipped(pair, result.Defaults).Should().Equal("small-fits");
        result.AsRecorded(pair).Should().BeTrue();
        result.Unexpected.Should().BeEmpty();
        result.OnlyTogether(pair).Should().BeEmpty("bound: strict alone flips small-fits: the pair adds nothing");
        var withoutBound = Robustness.Judge(new Reproduction(engine), Profile.Full, Variant.AsWritten,
            Robustness.Declared(engine.Spec, Profile.Full).Where(a => a.Choice.Id == "budget").ToList(),
            cancel: TestContext.Current.CancellationToken, interactions: Robustness.DeclaredInteractions(engine.Spec, Profile.Full));
        withoutBound.OnlyTogether(withoutBound.Interactions.Single()).Should().BeNull("bound: strict was not judged alone, so what only the pair does is unknown");

        var claim = result.Of("small-fits")!;
        (claim.Holding, claim.Judged).Should().Be((1, 2), "an interaction is shown beside the curve, not counted in its k of n");
        claim.FlipsTogether.Should().ContainSingle().Which.Interaction.Should().Be(pair);
        result.Of("small-fits-loosely")!.Together.Should().BeEmpty();

        var recorded = RecordedRobustness.Of(engine.Spec, Profile.Full, Robustness.Declared(engine.Spec, Profile.Full), engine.Spec.Claims.Values,
            Robustness.DeclaredInteractions(engine.Spec, Profile.Full));
        recorded.Single(r => r.Claim.Id == "small-fits").FlippedTogether.Should().Equal("budget: shorter + bound: strict");
        recorded.Single(r => r.Claim.Id == "small-fits-loosely").Together.Should().BeEmpty();
    }

    [Theory]
    [InlineData("of: { budget: shorter }", "interactions.both.of: an interaction changes alternatives of two or more choices together")]
    [InlineData("of: ~", "interactions.both.of: an interaction changes alternatives of two or more choices together")]
    [InlineData("of: { budget: shorter, bound: strcit }", "interactions.both.of.bound: choice 'bound' has no alternative 'strcit' (did you mean 'strict'?)")]
    [InlineData("of: { budget: shorter, bonud: strict }", "interactions.both.of.bonud: no choice 'bonud' (did you mean 'bound'?)")]
    [InlineData("of: { budget: shorter, bound: strict }\n    ci: true", "interactions.both.ci: judged on ci, but 'budget: shorter' and 'bound: strict' are not")]
    [InlineData("of: { budget: shorter, bound: strict }\n    flips: [small-fist]", "interactions.both.flips: unknown claim 'small-fist' (did you mean 'small-fits'?)")]
    public void AnInteractionNamingWhatDoesNotExistIsAnErrorAtLoadTime(string body, string message)
    {
        FailsToLoad(WithTwoChoices($"""
              both:
                about: a
                {body}
            """), message);
    }
}
