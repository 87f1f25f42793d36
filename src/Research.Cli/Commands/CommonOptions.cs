using System.CommandLine;
using Research.Runs;
using Research.Specs;
using Research.IO;
using Research.Specs.Loading;

namespace Research.Cli.Commands;

/// <summary>Options shared by the verbs, and the one way they turn into an engine.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Spec() => new("--spec")
    {
        Description = "The spec file (default: experiments.yaml in the repository containing the working directory).",
    };

    public static Option<Profile> ProfileOption() => new("--profile", "-p")
    {
        Description = "ci: the reduced budget the test suite uses; full: the report's own settings. [default: ci]",
        HelpName = "ci|full",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return Profile.Ci;
            var value = result.Tokens[0].Value;
            if (Enum.TryParse<Profile>(value, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(value, out _)) return p;
            result.AddError($"unknown profile '{value}'; profiles: {string.Join(", ", Enum.GetNames<Profile>().Select(n => n.ToLowerInvariant()))}");
            return Profile.Ci;
        },
    };

    /// <summary>--variant as_written|as_run|harness: which of an experiment's three settings to run (issue 22).</summary>
    public static Option<string> VariantOption() => new("--variant", "-V")
    {
        Description = "as_written: the report's text (where silent, its code's); as_run: the report's code, as it ran; " +
                      "harness: this project's better-founded definitions. Each experiment declares all three in experiments.yaml.",
        DefaultValueFactory = _ => "as_written",
        HelpName = "as_written|as_run|harness",
    };

    /// <summary>The variant a --variant value names, or a clear error listing the three.</summary>
    public static Variant ParseVariant(string? value) =>
        Variants.Parse(value ?? "as_written")
        ?? throw new UsageException($"unknown variant '{value}'; variants: {string.Join(", ", Variants.All.Select(v => v.Key()))}");

    /// <summary><c>--claim/-c</c>: claims whose id or section starts with the value (repeatable).</summary>
    public static Option<string[]> ClaimFilter() =>
        new("--claim", "-c") { Description = "Only claims whose id or section starts with this (repeatable), e.g. -c 1.1 -c deep7." };

    /// <summary>The claims a <see cref="ClaimFilter"/> selects (all when it is empty), or a usage error naming the sections when it selects none.</summary>
    public static IReadOnlyList<ClaimSpec> Claims(ResearchSpec spec, string[]? prefixes)
    {
        prefixes ??= [];
        var claims = spec.Claims.Values
            .Where(c => prefixes.Length == 0 || prefixes.Any(f => c.Id.StartsWith(f, StringComparison.Ordinal) || c.Section.StartsWith(f, StringComparison.Ordinal)))
            .ToList();
        return claims.Count > 0 ? claims
            : throw new UsageException($"no claim's id or section starts with {string.Join(" or ", prefixes.Select(p => $"'{p}'"))}; sections: " +
                                       string.Join(", ", spec.Claims.Values.Select(c => c.Section).Distinct().Order(StringComparer.Ordinal)));
    }

    /// <summary><c>--experiment/-e</c>: only these experiments (repeatable).</summary>
    public static Option<string[]> ExperimentFilter(string description) => new("--experiment", "-e") { Description = description };

    /// <summary>The experiments an <see cref="ExperimentFilter"/> names (null when it names none: all), or a usage error naming the known ones.</summary>
    public static IReadOnlyCollection<string>? Experiments(ResearchSpec spec, string[]? ids)
    {
        if (ids is null || ids.Length == 0) return null;
        foreach (var id in ids)
            if (!spec.Experiments.ContainsKey(id))
                throw new UsageException($"no experiment '{id}'{SpecPath.Hint(id, spec.Experiments.Keys)}; experiments: {string.Join(", ", spec.Experiments.Keys)}");
        return ids.Distinct().ToList();
    }

    /// <summary><c>--no-robustness</c>: leave the choices' alternatives out of the report (their runs are not trained).</summary>
    public static Option<bool> NoRobustness() => new("--no-robustness")
    {
        Description = "Do not judge the claims under the alternatives (and interactions) of the choices made where the report is silent " +
                      "(the report's Robustness part then says so); the profile's alternatives train the runs they change.",
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a setting of the experiment for this invocation, e.g. --set models.model-1.optimizer.lr=0.002 " +
                      "(paths are relative to the experiment; repeatable). Overridden runs get their own cache entries.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Makes <c>--set</c> paths relative to <paramref name="experiment"/> unless they name a top-level section.</summary>
    public static IReadOnlyList<string> ForExperiment(string experiment, IEnumerable<string> assignments) =>
        assignments.Select(a => a.StartsWith("experiments.", StringComparison.Ordinal) || a.StartsWith("datasets.", StringComparison.Ordinal)
            ? a : $"experiments.{experiment}.{a}").ToList();

    public static Engine CreateEngine(FileInfo? spec, IReadOnlyList<string> assignments)
    {
        var paths = spec != null ? new RepoPaths(spec.Directory!.FullName) : RepoPaths.Discover();
        if (spec != null && spec.Name != RepoPaths.SpecFileName)
            return new Engine(SpecLoader.Load(spec.FullName, assignments), paths);
        return Engine.FromRepository(assignments, paths);
    }
}
