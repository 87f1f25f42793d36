
namespace Research.Specs;

/// <summary>
/// Everything in experiments.yaml, validated, with every experiment resolved for every variant and profile.
/// </summary>
public sealed record ResearchSpec
{
    public required string SourceFile { get; init; }
    /// <summary>The file's full path when it was loaded from one (null when parsed from text): alternatives are loaded from it again.</summary>
    public string? SourcePath { get; init; }
    /// <summary>The <c>--set</c> assignments it was loaded with, lowest first.</summary>
    public IReadOnlyList<string> Assignments { get; init; } = [];
    /// <summary>SHA-256 of the file's bytes: recorded in every result's provenance.</summary>
    public required string Sha256 { get; init; }
    public required IReadOnlyDictionary<string, DatasetSpec> Datasets { get; init; }
    public required IReadOnlyDictionary<string, ResolvedExperiment> Experiments { get; init; }
    /// <summary>The report's claims, in file order.</summary>
    public IReadOnlyDictionary<string, ClaimSpec> Claims { get; init; } = new Dictionary<string, ClaimSpec>();
    public BaselineSpec Baselines { get; init; } = new();
    /// <summary>Where the report's own code contradicts its text (reports/report-code-audit), in file order.</summary>
    public IReadOnlyList<ErratumSpec> Errata { get; init; } = [];
    /// <summary>The choices made where the report is silent, with the alternatives each verdict is judged under (issue 15), in file order.</summary>
    public IReadOnlyDictionary<string, ChoiceSpec> Choices { get; init; } = new Dictionary<string, ChoiceSpec>();
    /// <summary>Alternatives of several choices judged together, where a verdict may rest on a pair of choices (issue 15), in file order.</summary>
    public IReadOnlyDictionary<string, InteractionSpec> Interactions { get; init; } = new Dictionary<string, InteractionSpec>();

    /// <summary>An experiment resolved for a profile under a variant (as written unless asked).</summary>
    public ExperimentSpec Experiment(string id, Profile profile, Variant variant = Variant.AsWritten) =>
        Experiments.TryGetValue(id, out var resolved)
            ? resolved[profile, variant]
            : throw new KeyNotFoundException(
                $"no experiment '{id}' in {SourceFile}" +
                SpecPath.Hint(id, Experiments.Keys) +
                $"; experiments: {string.Join(", ", Experiments.Keys)}");

    public DatasetSpec DatasetOf(ExperimentSpec experiment) => Datasets[experiment.Dataset];
}
