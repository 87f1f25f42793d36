using FluentAssertions;
using Research.IO;
using Research.Runs;
using Research.Tests.Support;
using Research.Training;

namespace Research.Tests.Training;

/// <summary>
/// §1.1.1 as the report's code ran it (HW1/HW1_SimFunc1.ipynb, reports/report-code-audit): 300 points,
/// torch.manual_seed(1) once with Models 1, 2, 3 built in turn, and its stopping rule (after epoch 5, loss
/// below 1e-3, its last two changes below 1e-5). The harness trains Models 2 and 3 to within 1% of the epochs
/// the code printed, 857 and 2,186, on every CPU and kernel setting measured:
/// <list type="bullet">
/// <item>AMD EPYC (AVX-512 and AVX2-only), generic kernels: 857 and 2,186 exactly; AVX-512 EPYC, default kernels: 863 and 2,195;</item>
/// <item>Intel Xeon (family 6 model 207, AVX-512 with AMX), 2026-12-06: 862 and 2,187 under the generic kernels and
/// under the defaults, 863 and 2,184 under the AVX2 caps, 863 and 2,185 under ATEN_CPU_CAPABILITY=default alone.</item>
/// </list>
/// So the generic kernels do not pin these epochs across CPU vendors (MKL_CBWR=COMPATIBLE,STRICT and
/// MKL_ENABLE_INSTRUCTIONS=SSE4_2 gave 862 and 2,187 on the Intel machine too): the epochs move by up to 6 and
/// 9 (0.7% and 0.4%) with the rounding. The test allows 1% of the printed epoch, which that spread stays within
/// and another reading does not: the harness's (1,000 points, each model seeded on its own) puts Model 2 at
/// epoch 4,328 and Model 3 at 3,156. Model 1 is left out: its epoch moves by hundreds with the rounding (742
/// under the generic kernels, 1,477 under AVX2, 1,496 with float32-computed data; the code printed 961), as a
/// seven-layer net leaving a plateau does.
/// </summary>
public class AsRunReproductionTests
{
    /// <summary>The kernels below every vector extension (the second pass's setting on an AVX2 machine; see the README's Portability).</summary>
    static readonly Dictionary<string, string> GenericKernels = new()
    {
        ["ONEDNN_MAX_CPU_ISA"] = "SSE41", ["ATEN_CPU_CAPABILITY"] = "default", ["MKL_CBWR"] = "COMPATIBLE",
    };

    [Fact]
    public async Task AsRunModelsTwoAndThreeConvergeWithinOnePercentOfTheEpochsTheReportsCodePrinted()
    {
        var runs = await Train(["--model", "model-2", "--model", "model-3"]);
        EpochOf(runs, "model-2").Should().BeCloseTo(857, WithinOnePercent(857),
            "HW1_SimFunc1.ipynb cell 8 printed 'at epoch: 857' (1%: the spread between CPUs, see the summary)");
        EpochOf(runs, "model-3").Should().BeCloseTo(2186, WithinOnePercent(2186),
            "cell 13 printed 'at epoch: 2186' (1%: the spread between CPUs, see the summary)");
    }

    static uint WithinOnePercent(int epoch) => (uint)(epoch / 100);

    static int EpochOf(IReadOnlyList<RunResult> runs, string model)
    {
        var epoch = runs.Single(r => r.Model == model).ConvergedEpoch;
        epoch.Should().NotBeNull($"{model} converged in the code's run");
        return epoch!.Value;
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
