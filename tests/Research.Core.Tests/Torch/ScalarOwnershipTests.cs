using FluentAssertions;
using Research.Tests.Support;
using Research.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Tests.Torch;

/// <summary>
/// No project code hands libtorch a Scalar that nothing owns (issue 19). The scan reads IL, so it sees
/// every call site, the project's and the ones inside TorchSharp that the project reaches; the GC stress
/// test (<see cref="Research.Tests.Training.SideBySideStressTests"/>) is the behavioural check beside it.
/// </summary>
public class ScalarOwnershipTests
{
    static readonly Lazy<ScalarTemporaryScan> Scan = new(() => new ScalarTemporaryScan(typeof(torch).Assembly.Location));
    static readonly string Owner = typeof(OwnedScalars).FullName!;

    static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>Every assembly of the solution that calls TorchSharp: what ships, what benchmarks, what tests.</summary>
    public static TheoryData<string> Assemblies() =>
    [
        "src/Research.Core/bin/{0}/net10.0/Research.Core.dll",
        "src/Research.Cli/bin/{0}/net10.0/Research.Reporting.dll",
        "src/Research.Cli/bin/{0}/net10.0/research.dll",
        "benchmarks/Research.Benchmarks/bin/{0}/net10.0/Research.Benchmarks.dll",
        "tests/Research.Core.Tests/bin/{0}/net10.0/Research.Core.Tests.dll",
        "tests/Research.Claims.Tests/bin/{0}/net10.0/Research.Claims.Tests.dll",
    ];

    /// <summary>
    /// The one knowing exception: tests that compare the project's optimizers with torch.optim's, which
    /// make temporary Scalars on every step. They run those references inside a no-GC region
    /// (<see cref="NoCollections"/>), where no finalizer can free anything.
    /// </summary>
    static bool Excused(ScalarTemporaryScan.Violation v) =>
        v.Caller.StartsWith("Research.Tests.Training.OptimizerStepTests", StringComparison.Ordinal) && v.Callee.StartsWith("torch+optim::", StringComparison.Ordinal)
        || v.Caller.StartsWith(typeof(PlantedHazards).FullName!, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoProjectCodeHandsLibTorchAnUnownedScalar(string relative)
    {
        var path = Path.Combine(TestSpecs.RepoRoot, string.Format(relative, Configuration));
        File.Exists(path).Should().BeTrue($"{path} is built by ./build.sh test (the whole solution)");
        var violations = Scan.Value.Scan(path, Owner).Where(v => !Excused(v)).Select(v => v.ToString()).ToList();
        violations.Should().BeEmpty(
            "a Scalar nobody owns can be freed by another thread's garbage collection while libtorch reads it; " +
            $"make it with {Owner} and call the overload that takes every Scalar explicitly (add_(x, OwnedScalars.One), pow(OwnedScalars.Two), …). " +
            $"All {violations.Count}:\n{string.Join("\n", violations)}\n");
    }

    [Fact]
    public void TheScanFindsTheHazardsThatCrashedAndClearsTheirFixes()
    {
        var scan = Scan.Value;
        const string tensor = "TorchSharp.torch+Tensor";
        scan.Find(tensor, "add_", tensor).Should().NotBeNull("add_(x) fills in alpha = 1 as a temporary Scalar (the AdamStep crash)");
        scan.Find("TorchSharp.torch+nn", "LeakyReLU", "Double,Boolean").Should().NotBeNull("nn.LeakyReLU's forward passes its slope as a double (the second crash site)");
        scan.Find(tensor, "op_Addition", $"{tensor},{tensor}").Should().NotBeNull("a + b is add(b) with a temporary alpha");
        scan.Find(tensor, "square", "").Should().NotBeNull("square() is pow(2)");
        scan.Find(tensor, "add_", $"{tensor},TorchSharp.Scalar").Should().BeNull("every Scalar is the caller's");
        scan.Find(tensor, "leaky_relu", "TorchSharp.Scalar").Should().BeNull();
        scan.Find(tensor, "pow", "TorchSharp.Scalar").Should().BeNull();
        scan.Hazardous.Should().HaveCountGreaterThan(100, "TorchSharp 0.107 makes temporary Scalars in hundreds of methods");
    }

    [Fact]
    public void TheScanFindsPlantedHazardsInCompiledCode()
    {
        var path = typeof(PlantedHazards).Assembly.Location;
        var found = Scan.Value.Scan(path, Owner).Where(v => v.Caller.StartsWith(typeof(PlantedHazards).FullName!, StringComparison.Ordinal)).ToList();
        found.Select(v => v.Caller.Split('.').Last()).Should().BeEquivalentTo(
            [nameof(PlantedHazards.AddWithoutAlpha), nameof(PlantedHazards.ImplicitDouble), nameof(PlantedHazards.TorchLeakyRelu), nameof(PlantedHazards.UnownedToScalar)]);
    }

    [Fact]
    public void OwnedScalarsAreSharedPerValueAndFreedWithTheirOwner()
    {
        Scalar half;
        using (var owner = new OwnedScalars())
        {
            half = owner.Of(0.5);
            owner.Of(0.5).Should().BeSameAs(half, "one native Scalar per distinct value");
            owner.Of(1L).ToInt64().Should().Be(1);
            half.ToDouble().Should().Be(0.5);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            half.ToDouble().Should().Be(0.5, "the owner keeps it alive through collections");
        }
        var disposed = new OwnedScalars();
        disposed.Dispose();
        disposed.Invoking(o => o.Of(1.0)).Should().Throw<ObjectDisposedException>();
    }
}

/// <summary>Deliberate hazards, never called: the scan must find each in this compiled assembly.</summary>
internal static class PlantedHazards
{
    public static Tensor AddWithoutAlpha(Tensor a, Tensor b) => a.add_(b);
    public static Tensor ImplicitDouble(Tensor a) => a.mul(0.5);
    public static nn.Module<Tensor, Tensor> TorchLeakyRelu() => nn.LeakyReLU(0.1);
    public static Tensor UnownedToScalar(Tensor a) => a.mul(2.0.ToScalar());
}
