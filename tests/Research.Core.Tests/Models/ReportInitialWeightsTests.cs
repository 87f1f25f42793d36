using FluentAssertions;
using Research.IO;
using Research.Models;
using Research.Specs;
using Research.Specs.Loading;
using Research.Torch;
using static TorchSharp.torch;

namespace Research.Tests.Models;

/// <summary>
/// The report's own code seeds once (torch.manual_seed(1)) and then builds §1.1.1's three models in turn
/// (HW1/HW1_SimFunc1.ipynb, cells 0, 1, 7, 12); its outputs print their initial weights. libtorch's
/// generator and nn.Linear's default initialisation are the same in TorchSharp, so the same stream in the
/// same order must give the same numbers (reports/report-code-audit/PRINTED.md).
/// </summary>
public class ReportInitialWeightsTests
{
    [Fact]
    public void SeedOneThenModelsOneTwoThreeGiveTheInitialWeightsTheReportsCodePrinted()
    {
        var spec = SpecLoader.Load(new RepoPaths(Support.TestSpecs.RepoRoot).Spec);
        var e = spec.Experiment("fit-sinc", Profile.Full);
        float[] First(SpecModel m, int parameter, int count) =>
            m.parameters().ElementAt(parameter).detach().flatten().data<float>().Take(count).ToArray();
        lock (TorchRuntime.Global)
        {
            manual_seed(1);
            using var m1 = new SpecModel(e.Models["model-1"], [1]);
            using var m2 = new SpecModel(e.Models["model-2"], [1]);
            using var m3 = new SpecModel(e.Models["model-3"], [1]);
            First(m1, 0, 5).Should().Equal([0.5153f, -0.4414f, -0.1939f, 0.4694f, -0.9414f], (a, b) => Math.Abs(a - b) < 6e-5f);
            First(m1, 1, 5).Should().Equal([0.5997f, -0.2057f, 0.5087f, 0.1390f, -0.1224f], (a, b) => Math.Abs(a - b) < 6e-5f);
            First(m2, 0, 10).Should().Equal([-0.1516f, -0.8101f, -0.7396f, -0.2935f, -0.2215f, 0.1141f, -0.2243f, 0.3690f, -0.3326f, 0.7340f],
                (a, b) => Math.Abs(a - b) < 6e-5f);
            First(m3, 0, 6).Should().Equal([-0.0454f, 0.1646f, -0.2346f, -0.6331f, -0.4523f, -0.0664f], (a, b) => Math.Abs(a - b) < 6e-5f);
        }
    }
}
