using Research.Runs;
using Research.Specs;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Tests.Support;

/// <summary>Small specs and scratch folders for unit tests (synthetic data only).</summary>
internal static class TestSpecs
{
    /// <summary>A one-experiment spec fitting sinc on 64 points; <paramref name="extra"/> is appended to the experiment.</summary>
    public static string Fit(string optimizer = "{ kind: adam, lr: 0.01, weight_decay: 1.0e-4 }", string extra = "") => $"""
        schema: 1
        datasets:
          tiny:
            kind: function
            function: sinc
            domain: [-1.0, 1.0]
            points: 64
        experiments:
          tiny-fit:
            section: "0"
            title: a tiny fit
            dataset: tiny
            loss: mse
            max_epochs: 60
            seeds: [1, 2]
            models:
              small:
                label: Small
                layers: [dense: 16, tanh, dense: 1]
                optimizer: {optimizer}
        {extra}
        """;

    /// <summary>A comparison claim on <see cref="Fit"/>'s tiny-fit, as the claims: section lists it (indented under <c>claims:</c>).</summary>
    public const string FasterClaim = """
          faster:
            section: "0"
            quote: q
            source: text
            kind: comparison
            experiment: tiny-fit
            metric: converged_epoch
            models: [small]
            than: small
            reason: r
            expect: holds
        """;

    /// <summary><see cref="Fit"/> with <paramref name="claim"/> under <c>claims:</c>.</summary>
    public static string FitWithClaim(string claim = FasterClaim) => Fit() + "\nclaims:\n" + claim;

    public static ResearchSpec Parse(string yaml) => SpecLoader.Parse(yaml, "test.yaml");

    public static Engine Engine(string yaml, string cacheDir) =>
        new(Parse(yaml), new RepoPaths(RepoRoot, cacheDir));

    public static string RepoRoot { get; } = RepoPaths.Discover().Root;

    /// <summary>The repository's experiments.yaml over the suite's run cache ($RESEARCH_CACHE or .cache/runs), as the claim tests use it.</summary>
    public static Engine EngineOverRepository() => Research.Runs.Engine.FromRepository();

    /// <summary>The built <c>research</c> executable of the same configuration as these tests.</summary>
    public static string ResearchDll()
    {
        // tests/Research.Core.Tests/bin/<Configuration>/net10.0/ → src/Research.Cli/bin/<Configuration>/net10.0/research.dll
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepoRoot, "src", "Research.Cli", "bin", configuration, "net10.0", "research.dll");
    }

    /// <summary>A fresh folder under this test process's <see cref="Scratch.Root"/>, removed when the tests end.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Scratch.Root, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
