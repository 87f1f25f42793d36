using FluentAssertions;
using Research.Models;
using Research.Runs;
using Research.Specs;
using Research.Tests.Support;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Tests.Models;

public class ParameterCountTests
{
    static readonly ResearchSpec Spec = SpecLoader.Load(new RepoPaths(TestSpecs.RepoRoot).Spec);

    public static TheoryData<string, string> Models()
    {
        var data = new TheoryData<string, string>();
        foreach (var (id, byProfile) in Spec.Experiments)
            foreach (var model in byProfile[Profile.Full].Models.Keys)
                data.Add(id, model);
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void BuiltModelHasTheReportsParameterCount(string experiment, string model)
    {
        var e = Spec.Experiment(experiment, Profile.Full);
        var spec = e.Models[model];
        using var _ = Research.Torch.TorchRuntime.Global.EnterScope(); // initialisation draws from libtorch's global generator
        using var built = new SpecModel(spec, DataShapes.Input(Spec.DatasetOf(e)));
        spec.Parameters.Should().NotBeNull($"every model of the report states its parameter count ({experiment}.{model})");
        built.ParameterCount.Should().Be(spec.Parameters!.Value, $"{spec.Label} in §{e.Section}");
        built.ParameterCount.Should().Be(built.Shapes.Parameters, "libtorch and the spec's shape inference agree");
    }

    [Fact]
    public void EveryParameterCountTheReportStatesIsSpecified()
    {
        var counts = Spec.Experiments.Values.SelectMany(p => p[Profile.Full].Models.Values).Select(m => m.Parameters!.Value).ToHashSet();
        counts.Should().Contain([571, 572, 25_550, 25_570, 397_510, 1_501, 39_760, 1_590_010]);
        var sweep = Spec.Experiment("parameters-vs-generalization", Profile.Full).Models.Values.Select(m => m.Parameters!.Value).ToList();
        sweep.Should().HaveCount(10).And.BeInAscendingOrder();
        sweep[0].Should().Be(39_760);
        sweep[^1].Should().Be(1_590_010);
    }
}
