using FluentAssertions;
using Research.IO;
using Research.Runs;
using Research.Tests.Support;
using Research.Training;

namespace Research.Tests.Training;

/// <summary>
/// §1.1.1 as the report's code ran it (HW1/HW1_SimFunc1.ipynb, reports/report-code-audit): 300 points,
/// torch.manual_seed(1) once with Models 1, 2, 3 built in turn, and its stopping rule (after epoch 5, loss
/// below 1e-3, its last two changes below 1e-5). Under the generic CPU kernels the harness trains Models 2
/// and 3 to the very epochs the code printed, 857 and 2,186. Model 1 is left out: its epoch moves with the
/// rounding (measured 742 under these kernels, 1,477 under AVX2, 1,496 with float32-computed data; the
/// code printed 961), as a seven-layer net leaving a plateau does.
/// </summary>
public class AsRunReproductionTests
{
    /// <summary>The kernels below every vector extension (the second pass's setting on an AVX2 machine; see the README's Portability).</summary>
    static readonly Dictionary<string, string> GenericKernels = new()
    {
        ["ONEDNN_MAX_CPU_ISA"] = "SSE41", ["ATEN_CPU_CAPABILITY"] = "default", ["MKL_CBWR"] = "COMPATIBLE",
    };

    [Fact]
    public async Task AsRunModelsTwoAndThreeConvergeAtTheEpochsTheReportsCodePrinted()
    {
        var runs = await Train(["--model", "model-2", "--model", "model-3"]);
        runs.Single(r => r.Model == "model-2").ConvergedEpoch.Should().Be(857, "HW1_SimFunc1.ipynb cell 8 printed 'at epoch: 857'");
        runs.Single(r => r.Model == "model-3").ConvergedEpoch.Should().Be(2186, "cell 13 printed 'at epoch: 2186'");
    }

    /// <summary>fit-sinc's full profile, seed 1, with the code's settings, trained by the real CLI in a process with the generic kernels.</summary>
    static Task<IReadOnlyList<RunResult>> Train(string[] models)
    {
        string[] asRun =
        [
            "--set", "datasets.sinc.points=300", "--set", "seeding=one_stream",
            "--set", "convergence={loss_below: 1.0e-3, after_epoch: 5, flat_for: 2, flat_below: 1.0e-5}",
        ];
        return ChildRuns.Train(["run", "fit-sinc", "--profile", "full", "--seed", "1", .. models, .. asRun], GenericKernels);
    }
}
