using FluentAssertions;
using Research.Analysis;
using Research.Models;
using Research.Specs;
using Research.Torch;
using static TorchSharp.torch;

namespace Research.Tests.Analysis;

public class ModelWeightsTests
{
    [Fact]
    public void FlattenedWeightsLoadIntoAFreshModel()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        var spec = SensitivityAnalysisTests.Small();
        manual_seed(1);
        using var trained = new SpecModel(spec, [5]);
        manual_seed(2);
        using var fresh = new SpecModel(spec, [5]);
        var flat = trained.parameters().SelectMany(p => p.detach().flatten().data<float>().ToArray()).ToArray();
        flat.Should().HaveCount(5 * 4 + 4 + 4 * 3 + 3);

        var x = randn(6, 5);
        using (no_grad())
        {
            float[] Out(SpecModel m) => m.forward(x).data<float>().ToArray();
            Out(fresh).Should().NotEqual(Out(trained), "another seed, other weights");
            ModelWeights.Load(fresh, flat);
            Out(fresh).Should().Equal(Out(trained));
        }

        var shorter = () => ModelWeights.Load(fresh, flat[..^1]);
        shorter.Should().Throw<ArgumentException>().WithMessage("the weight snapshot has 38 values but the model needs 39");
        var longer = () => ModelWeights.Load(fresh, [.. flat, 0f]);
        longer.Should().Throw<ArgumentException>().WithMessage("the weight snapshot has 40 values but the model needs 39");
    }

    [Fact]
    public void BuildShapesTheModelForTheDataSet()
    {
        using var _ = TorchRuntime.Global.EnterScope();
        using var scope = NewDisposeScope();
        var spec = SensitivityAnalysisTests.Small() with { Layers = [new FlattenLayer(), new DenseLayer(10)] };
        var flat = Enumerable.Range(0, 784 * 10 + 10).Select(i => (float)Math.Sin(i)).ToArray();
        using var model = ModelWeights.Build(spec, new DatasetSpec { Id = "digits", Kind = DatasetKind.Mnist }, flat);
        model.training.Should().BeFalse("built for evaluation");
        model.parameters().SelectMany(p => p.detach().flatten().data<float>().ToArray()).Should().Equal(flat);
        model.forward(zeros(2, 1, 28, 28)).shape.Should().Equal(2, 10);
    }
}
