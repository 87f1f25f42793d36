using FluentAssertions;
using Research.Claims;
using Research.Specs;
using Research.Training;

namespace Research.Tests.Claims;

/// <summary>
/// Power checks: for every claim kind, the evaluator passes on data that has the effect and fails when
/// the effect is removed or reversed. A claim test that cannot fail is a defect.
/// </summary>
public class ClaimPowerTests
{
    static RunResult Run(string model, int seed, double finalLoss, int? converged = null, double[]? series = null, long parameters = 10) => new()
    {
        Experiment = "x", Model = model, Seed = seed, Profile = "ci", Parameters = parameters,
        Outcome = converged != null ? RunOutcome.Converged : RunOutcome.MaxEpochs,
        Epochs = converged ?? 100, ConvergedEpoch = converged,
        Metrics = new MetricSeries { Epochs = [.. Enumerable.Range(1, (series ?? [finalLoss]).Length)], TrainLoss = series ?? [finalLoss] },
        Provenance = null!,
    };

    static ExperimentSpec Experiment(params string[] models) => new()
    {
        Section = "0", Title = "t", Dataset = "d", Loss = LossKind.Mse, MaxEpochs = 100, Seeds = [1, 2, 3, 4, 5],
        Models = models.ToDictionary(m => m, m => new ModelSpec
        {
            Id = m, Label = m.ToUpperInvariant(), Parameters = 10, Layers = [new DenseLayer(1)],
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, Lr = 0.1 },
        }),
    };

    static ClaimSpec Claim(ClaimKind kind, string[] models, string? metric = "final_train_loss", RuleSpec? rule = null) => new()
    {
        Id = "c", Section = "0", Quote = "q", Source = ClaimSource.Text, Kind = kind, Experiment = "x", Metric = metric, Models = models,
        Rule = rule ?? new RuleSpec { Kind = RuleKind.Fraction, AtLeast = 0.8 }, Reason = "r", Expect = Verdict.Holds,
    };

    /// <summary>Per model, five seeds of final losses.</summary>
    static Verdict Judge(ClaimSpec claim, Dictionary<string, double[]> losses) =>
        ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment([.. losses.Keys]),
            losses.ToDictionary(p => p.Key, p => (IReadOnlyList<RunResult>)p.Value.Select((l, i) => Run(p.Key, i + 1, l)).ToList()))).Verdict;

    static readonly double[] Low = [1.0, 1.1, 0.9, 1.05, 0.95], High = [2.0, 2.1, 1.9, 2.05, 1.95];

    [Fact]
    public void RangeFailsWhenTheValueLeavesTheRange()
    {
        var claim = Claim(ClaimKind.Range, ["a"]) with { Min = 0.5, Max = 1.5 };
        Judge(claim, new() { ["a"] = Low }).Should().Be(Verdict.Holds);
        Judge(claim, new() { ["a"] = High }).Should().Be(Verdict.Deviates);
        var ci = claim with { Rule = new RuleSpec { Kind = RuleKind.MeanCi, Confidence = 0.95 } };
        Judge(ci, new() { ["a"] = Low }).Should().Be(Verdict.Holds);
        Judge(ci, new() { ["a"] = [0.6, 1.4, 0.55, 1.45, 1.0] }).Should().Be(Verdict.Inconclusive, "the interval straddles the bounds although every seed is inside");
        Judge(ci, new() { ["a"] = High }).Should().Be(Verdict.Deviates, "the whole interval lies above the range");
    }

    [Fact]
    public void AComparisonWithAFactorFailsWhenTheGapExceedsIt()
    {
        // "comparable": a within a factor of 3 of b.
        var claim = Claim(ClaimKind.Comparison, ["a"]) with { Than = "b", Factor = 3 };
        Judge(claim, new() { ["a"] = High, ["b"] = Low }).Should().Be(Verdict.Holds, "twice b is within a factor of 3");
        Judge(claim, new() { ["a"] = High.Select(v => v * 2).ToArray(), ["b"] = Low }).Should().Be(Verdict.Deviates, "four times b is not");
        ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a", "b"), new Dictionary<string, IReadOnlyList<RunResult>>
        {
            ["a"] = High.Select((l, i) => Run("a", i + 1, l)).ToList(), ["b"] = Low.Select((l, i) => Run("b", i + 1, l)).ToList(),
        })).Message.Should().Contain("less than 3 ×");
    }

    [Fact]
    public void AComparisonWithinAFactorFailsWhenEitherSideExceedsIt()
    {
        // "similar": a and b within a factor of 3 of each other, whichever is the larger.
        var claim = Claim(ClaimKind.Comparison, ["a"]) with { Than = "b", Factor = 3, Relation = Relation.Within };
        Judge(claim, new() { ["a"] = High, ["b"] = Low }).Should().Be(Verdict.Holds, "a is twice b");
        Judge(claim, new() { ["a"] = Low, ["b"] = High }).Should().Be(Verdict.Holds, "b is twice a");
        Judge(claim, new() { ["a"] = High.Select(v => v * 2).ToArray(), ["b"] = Low }).Should().Be(Verdict.Deviates, "a is four times b");
        Judge(claim, new() { ["a"] = Low, ["b"] = High.Select(v => v * 2).ToArray() }).Should().Be(Verdict.Deviates, "b is four times a: a plain 'less' would pass this");
    }

    [Fact]
    public void ComparisonFailsWhenTheModelsAreSwappedOrEqual()
    {
        var claim = Claim(ClaimKind.Comparison, ["a"]) with { Than = "b" };
        Judge(claim, new() { ["a"] = Low, ["b"] = High }).Should().Be(Verdict.Holds);
        Judge(claim, new() { ["a"] = High, ["b"] = Low }).Should().Be(Verdict.Deviates);
        Judge(claim, new() { ["a"] = Low, ["b"] = Low }).Should().Be(Verdict.Deviates);
        var signTest = claim with { Rule = new RuleSpec { Kind = RuleKind.SignTest, Alpha = 0.05 } };
        Judge(signTest, new() { ["a"] = Low, ["b"] = High }).Should().Be(Verdict.Holds, "5 of 5: p = 1/32 < 0.05");
        Judge(signTest, new() { ["a"] = [1, 1, 1, 1, 3], ["b"] = High }).Should().Be(Verdict.Deviates, "4 of 5: p = 6/32 > 0.05");
    }

    [Fact]
    public void OrderingFailsWhenReversedOrFlattened()
    {
        var claim = Claim(ClaimKind.Ordering, ["a", "b", "c"]);
        var mid = Low.Select(v => v + 0.5).ToArray();
        Judge(claim, new() { ["a"] = Low, ["b"] = mid, ["c"] = High }).Should().Be(Verdict.Holds);
        Judge(claim, new() { ["a"] = High, ["b"] = mid, ["c"] = Low }).Should().Be(Verdict.Deviates);
        Judge(claim, new() { ["a"] = Low, ["b"] = Low, ["c"] = Low }).Should().Be(Verdict.Deviates);
    }

    [Theory]
    [InlineData(RuleKind.Spearman)]
    [InlineData(RuleKind.MannKendall)]
    public void TrendFailsWhenFlattenedOrReversed(RuleKind rule)
    {
        var models = new[] { "m1", "m2", "m3", "m4", "m5", "m6" };
        var claim = Claim(ClaimKind.Trend, models, rule: new RuleSpec { Kind = rule, Alpha = 0.05 }) with { Direction = TrendDirection.Increasing };
        Dictionary<string, double[]> Sweep(Func<int, double> level) =>
            models.Select((m, i) => (m, Low.Select(v => level(i) + 0.1 * v).ToArray())).ToDictionary(p => p.m, p => p.Item2);
        Judge(claim, Sweep(i => i)).Should().Be(Verdict.Holds);
        Judge(claim, Sweep(i => -i)).Should().Be(Verdict.Deviates);
        Judge(claim, Sweep(i => i % 2 == 0 ? 0 : 0.001)).Should().Be(Verdict.Deviates, "a flat sweep has no trend");
    }

    [Fact]
    public void CorrelationFailsWhenFlattenedOrReversed()
    {
        var claim = Claim(ClaimKind.Correlation, ["a"], metric: "final_train_loss", rule: new RuleSpec { Kind = RuleKind.Spearman, Alpha = 0.05 })
            with { Versus = "epochs", Direction = TrendDirection.Decreasing };
        Verdict With(Func<int, double> loss) => ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a"),
            new Dictionary<string, IReadOnlyList<RunResult>> { ["a"] = Enumerable.Range(1, 12).Select(i => Run("a", i, loss(i)) with { Epochs = i * 10 }).ToList() })).Verdict;
        With(i => 1.0 / i).Should().Be(Verdict.Holds);
        With(i => i).Should().Be(Verdict.Deviates);
        With(i => i % 2).Should().Be(Verdict.Deviates, "no monotone relation");
        var few = ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a"),
            new Dictionary<string, IReadOnlyList<RunResult>> { ["a"] = Enumerable.Range(1, 5).Select(i => Run("a", i, 1.0 / i) with { Epochs = i * 10 }).ToList() }));
        few.Verdict.Should().Be(Verdict.Inconclusive, "five runs are too few for a rank correlation");
    }

    [Fact]
    public void ShapeFailsWhenTheDropOrThePlateauIsMissing()
    {
        var falling = Enumerable.Range(0, 100).Select(i => Math.Exp(-i / 10.0)).ToArray();
        var flat = Enumerable.Repeat(1.0, 100).ToArray();
        var stillFalling = Enumerable.Range(0, 100).Select(i => 1.0 - i / 100.0).ToArray();
        Verdict Shape(ShapeSpec shape, double[] series) => ClaimEvaluator.Evaluate(new ClaimInput(
            Claim(ClaimKind.Shape, ["a"], metric: null) with { Shape = shape }, Experiment("a"),
            new Dictionary<string, IReadOnlyList<RunResult>> { ["a"] = Enumerable.Range(1, 5).Select(s => Run("a", s, series[^1], series: series)).ToList() })).Verdict;

        var drop = new ShapeSpec { Series = "train_loss", DropFactor = 10, ByEpoch = 50 };
        Shape(drop, falling).Should().Be(Verdict.Holds);
        Shape(drop, flat).Should().Be(Verdict.Deviates);
        var plateau = new ShapeSpec { Series = "train_loss", PlateauAfter = 60, MaxLaterFraction = 0.05 };
        Shape(plateau, falling).Should().Be(Verdict.Holds, "e^-6 of the drop is left after epoch 60");
        Shape(plateau, stillFalling).Should().Be(Verdict.Deviates, "40% of the drop comes after epoch 60");

        var bump = new ShapeSpec { Series = "train_loss", Bump = [20, 50, 80], BumpWindow = 5 };
        var bumped = Enumerable.Range(1, 100).Select(e => 1.0 + Math.Exp(-Math.Pow((e - 50) / 8.0, 2))).ToArray();
        Shape(bump, bumped).Should().Be(Verdict.Holds);
        Shape(bump, flat).Should().Be(Verdict.Deviates, "no rise at the peak");
        Shape(bump, stillFalling).Should().Be(Verdict.Deviates, "a falling series does not rise to the peak");
        Shape(bump, bumped[..60]).Should().Be(Verdict.Deviates, "a series that ends before the dip has no bump");
    }

    [Fact]
    public void ParametersFailOnAMismatch()
    {
        var claim = Claim(ClaimKind.Parameters, ["a"], metric: null) with { Counts = [10] };
        Verdict With(long count) => ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a"),
            new Dictionary<string, IReadOnlyList<RunResult>> { ["a"] = [Run("a", 1, 0.1, parameters: count)] })).Verdict;
        With(10).Should().Be(Verdict.Holds);
        With(11).Should().Be(Verdict.Deviates);
    }

    [Fact]
    public void ADivergedRunMakesTheClaimInconclusiveNotAPass()
    {
        var claim = Claim(ClaimKind.Comparison, ["a"]) with { Than = "b" };
        var runs = new Dictionary<string, IReadOnlyList<RunResult>>
        {
            ["a"] = [Run("a", 1, 0.1) with { Outcome = RunOutcome.Diverged, DivergedEpoch = 7 }],
            ["b"] = [Run("b", 1, 1.0)],
        };
        var result = ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a", "b"), runs));
        result.Verdict.Should().Be(Verdict.Inconclusive);
        result.Message.Should().Contain("A seed 1 diverged (loss not finite) at epoch 7");
    }

    [Fact]
    public void ComparisonMessageReadsLikeTheReport()
    {
        var claim = Claim(ClaimKind.Comparison, ["a"], metric: "converged_epoch") with { Than = "b" };
        var runs = new Dictionary<string, IReadOnlyList<RunResult>>
        {
            ["a"] = [Run("a", 1, 0.1, converged: 812), Run("a", 2, 0.1, converged: 1020)],
            ["b"] = [Run("b", 1, 0.1, converged: 2050), Run("b", 2, 0.1)],
        };
        ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a", "b"), runs)).Message.Should().Be(
            "converged_epoch: A [812, 1,020] vs B [2,050, never]: less expected in ≥ 2 of 2 seeds; held in 2 of 2");
    }

    [Fact]
    public void AnExperimentWideMeasureIsJudgedOnceAndAMissingOneIsAnErrorNotZero()
    {
        var claim = Claim(ClaimKind.Range, ["a"], metric: "pca_layer_agreement") with { Min = 0.9 };
        var runs = new Dictionary<string, IReadOnlyList<RunResult>> { ["a"] = [Run("a", 1, 1.0), Run("a", 2, 1.0)] };
        ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a"), runs, ExperimentScalars: new Dictionary<string, double> { ["pca_layer_agreement"] = 0.95 }))
            .Verdict.Should().Be(Verdict.Holds);
        ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a"), runs, ExperimentScalars: new Dictionary<string, double> { ["pca_layer_agreement"] = 0.7 }))
            .Verdict.Should().Be(Verdict.Deviates);
        // An experiment whose analysis computed other measures: the claim must not read a default 0 (which a min bound would merely call a deviation).
        var missing = () => ClaimEvaluator.Evaluate(new ClaimInput(claim, Experiment("a"), runs, ExperimentScalars: new Dictionary<string, double> { ["pca_start_separation"] = 2 }));
        missing.Should().Throw<InvalidOperationException>().WithMessage("*pca_layer_agreement needs the experiment's analysis*");
    }
}
