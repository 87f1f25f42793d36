using System.Security.Cryptography;
using Research.Claims;
using Research.Specs.Yaml;
using Research.Specs;

namespace Research.Specs.Loading;

/// <summary>
/// experiments.yaml → <see cref="ResearchSpec"/>. Layering, lowest first: <c>defaults</c>, the
/// experiment itself (what its three variants share), the variant's settings (<c>variants.as_written</c>,
/// <c>as_run</c>, <c>harness</c>), the experiment's <c>profiles.ci</c> overrides, the variant's own
/// <c>profiles.ci</c>, then command-line <c>--set</c> assignments. Top-level keys starting with <c>x-</c> hold YAML anchors and are otherwise ignored. Every profile of every experiment is bound and checked,
/// so a mistake in the ci block is found even when running full. All errors are reported together.
/// </summary>
public static class SpecLoader
{
    static readonly string[] TopLevelKeys = ["schema", "defaults", "datasets", "experiments", "claims", "baselines", "errata", "choices", "interactions"];
    public const int SchemaVersion = 1;

    public static ResearchSpec Load(string path, IReadOnlyList<string>? assignments = null)
    {
        if (!File.Exists(path))
            throw new SpecException([new SpecError(new SourceMark(path, 0, 0), "", "spec file not found; run from the repository root or pass --spec")]);
        var bytes = File.ReadAllBytes(path);
        return Parse(System.Text.Encoding.UTF8.GetString(bytes), Path.GetFileName(path), assignments, Convert.ToHexStringLower(SHA256.HashData(bytes)))
            with { SourcePath = Path.GetFullPath(path) };
    }

    /// <summary>
    /// <paramref name="spec"/>'s file loaded again with more <c>--set</c> assignments after its own (a choice's
    /// alternative): what <see cref="Runs.Engine.With"/> trains under and the recorded robustness compares against.
    /// </summary>
    public static ResearchSpec LoadWith(ResearchSpec spec, IReadOnlyList<string> assignments) =>
        Load(spec.SourcePath ?? throw new InvalidOperationException($"{spec.SourceFile} was not loaded from a file, so it cannot be loaded with other settings"),
            [.. spec.Assignments, .. assignments]);

    public static ResearchSpec Parse(string text, string file, IReadOnlyList<string>? assignments = null, string? sha256 = null)
    {
        var errors = new List<SpecError>();
        var binder = new SpecBinder(errors);
        var root = YamlTreeReader.Read(text, file, errors);
        if (root is not YamlMapping map)
        {
            if (errors.Count == 0) errors.Add(new SpecError(root?.Mark ?? new SourceMark(file, 1, 1), "", "the spec must be a mapping with 'datasets' and 'experiments'"));
            throw new SpecException(errors);
        }

        var experimentSets = new List<YamlNode>();
        foreach (var assignment in assignments ?? [])
        {
            if (!CheckAssignmentTarget(map, assignment, errors)) continue;
            var set = YamlMerge.FromAssignment(assignment, "--set", errors);
            if (set is YamlMapping { Entries: [{ Key.Value: "experiments" }] }) experimentSets.Add(set);
            else map = (YamlMapping)YamlMerge.Over(map, set);
        }
        CheckTopLevel(map, binder);

        var datasets = map["datasets"] is { } d ? binder.Bind<IReadOnlyDictionary<string, DatasetSpec>>(d, "datasets") : null;
        if (map["datasets"] == null) binder.Error(map, "datasets", "missing required key 'datasets'");
        foreach (var (id, ds) in datasets ?? new Dictionary<string, DatasetSpec>())
            SpecValidator.Validate(ds, SpecPath.Child("datasets", id), binder.Marks, errors);

        var experiments = Experiments(map, experimentSets, binder, datasets, errors);

        var claims = map["claims"] is { } cl ? binder.Bind<IReadOnlyDictionary<string, ClaimSpec>>(cl, "claims") : null;
        foreach (var (id, claim) in claims ?? new Dictionary<string, ClaimSpec>())
            ClaimValidator.Validate(claim, SpecPath.Child("claims", id), experiments,
                (map["experiments"] as YamlMapping)?.Entries.Select(e => e.Key.Value).ToHashSet() ?? [], binder.Marks, errors);

        var baselines = map["baselines"] is { } bl ? binder.Bind<BaselineSpec>(bl, "baselines") : new BaselineSpec();
        var errata = map["errata"] is { } er ? binder.Bind<IReadOnlyList<ErratumSpec>>(er, "errata") : null;
        for (int i = 0; i < errata?.Count; i++)
            foreach (var id in errata[i].Claims.Where(id => claims?.ContainsKey(id) != true))
                binder.Error(map["errata"] is YamlSequence s ? s.Items[i] : map["errata"]!, SpecPath.Child(SpecPath.Index("errata", i), "claims"),
                    $"unknown claim '{id}'{SpecPath.Hint(id, claims?.Keys ?? [])}");

        var choices = map["choices"] is { } ch ? binder.Bind<IReadOnlyDictionary<string, ChoiceSpec>>(ch, "choices") : null;
        foreach (var (id, choice) in choices ?? new Dictionary<string, ChoiceSpec>())
            CheckChoice(choice, SpecPath.Child("choices", id), map, claims, binder);
        var interactions = map["interactions"] is { } ia ? binder.Bind<IReadOnlyDictionary<string, InteractionSpec>>(ia, "interactions") : null;
        foreach (var (id, interaction) in interactions ?? new Dictionary<string, InteractionSpec>())
            CheckInteraction(interaction, SpecPath.Child("interactions", id), map, choices, claims, binder);

        if (errors.Count > 0) throw new SpecException(errors.Distinct().OrderBy(e => e.Mark.File).ThenBy(e => e.Mark.Line).ThenBy(e => e.Mark.Column).ToList());
        return new ResearchSpec
        {
            SourceFile = file,
            Assignments = assignments ?? [],
            Sha256 = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            Datasets = datasets!,
            Experiments = experiments,
            Claims = claims ?? new Dictionary<string, ClaimSpec>(),
            Baselines = baselines ?? new BaselineSpec(),
            Errata = errata ?? [],
            Choices = choices ?? new Dictionary<string, ChoiceSpec>(),
            Interactions = interactions ?? new Dictionary<string, InteractionSpec>(),
        };
    }

    /// <summary>Keyed collections: a --set path through one must name an entry that exists.</summary>
    static readonly Dictionary<string, string> Collections = new() { ["experiments"] = "experiment", ["datasets"] = "dataset", ["claims"] = "claim", ["models"] = "model" };

    /// <summary>
    /// <c>--set models.model-9.optimizer.lr=…</c> names a model that does not exist: say so, with the models there,
    /// instead of merging a new, incomplete model whose missing keys would be the errors.
    /// </summary>
    /// <returns>Whether the assignment may be merged.</returns>
    static bool CheckAssignmentTarget(YamlMapping root, string assignment, List<SpecError> errors)
    {
        if (YamlMerge.PathOf(assignment) is not { } keys) return true; // FromAssignment reports the form
        YamlNode node = root;
        for (int i = 0; i < keys.Length - 1 && node is YamlMapping mapping; i++)
        {
            if (mapping[keys[i]] is { } child) { node = child; continue; }
            if (i > 0 && Collections.TryGetValue(keys[i - 1], out var noun))
            {
                var known = mapping.Entries.Select(e => e.Key.Value).ToList();
                errors.Add(new SpecError(new SourceMark("--set", 1, 1), string.Join('.', keys[..(i + 1)]),
                    $"no {noun} '{keys[i]}' in {string.Join('.', keys[..i])}{SpecPath.Hint(keys[i], known)}; {keys[i - 1]}: {string.Join(", ", known)}"));
                return false;
            }
            return true;
        }
        return true;
    }

    /// <summary>
    /// A choice's alternatives: each available one sets something, each assignment is a full path to an experiment or a
    /// claim that exists, and recorded flips name claims. Whether the assignments make a valid spec is checked by
    /// loading the spec with them (a test does it for every alternative of experiments.yaml).
    /// </summary>
    static void CheckChoice(ChoiceSpec choice, string path, YamlMapping map, IReadOnlyDictionary<string, ClaimSpec>? claims, SpecBinder binder)
    {
        YamlNode At(string p) => binder.Marks.TryGetValue(p, out var mark) ? new YamlScalar(mark, "", true) : map["choices"]!;
        if (choice.Alternatives is null or { Count: 0 }) binder.Error(At(path), SpecPath.Child(path, "alternatives"), "declare at least one alternative");
        foreach (var (id, alt) in choice.Alternatives ?? new Dictionary<string, AlternativeSpec>())
        {
            var at = SpecPath.Child(SpecPath.Child(path, "alternatives"), id);
            if (alt.Unavailable is null && alt.Set.Count == 0)
                binder.Error(At(at), SpecPath.Child(at, "set"), "an alternative sets at least one setting (or says why it is unavailable)");
            if (alt.Unavailable is not null && alt.Ci)
                binder.Error(At(at), SpecPath.Child(at, "ci"), "an unavailable alternative cannot be judged on ci");
            for (int i = 0; i < alt.Set.Count; i++)
            {
                var where = SpecPath.Index(SpecPath.Child(at, "set"), i);
                var keys = YamlMerge.PathOf(alt.Set[i]);
                var section = keys is { Length: >= 3 } ? map[keys[0]] as YamlMapping : null;
                if (keys is null || keys.Length < 3 || keys[0] is not ("experiments" or "claims"))
                    binder.Error(At(where), where, $"'{alt.Set[i]}' is not of the form experiments.ID.path=value or claims.ID.path=value");
                else if (section?[keys[1]] is null)
                {
                    var known = section?.Entries.Select(e => e.Key.Value).ToList() ?? [];
                    binder.Error(At(where), where, $"no {keys[0].TrimEnd('s')} '{keys[1]}'{SpecPath.Hint(keys[1], known)}");
                }
            }
            CheckRecords(alt, at, map, claims, binder, At);
        }
    }

    /// <summary>
    /// A pair (or more) of alternatives judged together: two or more choices, each naming an alternative that exists
    /// and can be judged; its records are checked as an alternative's are.
    /// </summary>
    static void CheckInteraction(InteractionSpec interaction, string path, YamlMapping map, IReadOnlyDictionary<string, ChoiceSpec>? choices,
        IReadOnlyDictionary<string, ClaimSpec>? claims, SpecBinder binder)
    {
        YamlNode At(string p) => binder.Marks.TryGetValue(p, out var mark) ? new YamlScalar(mark, "", true) : map["interactions"]!;
        var of = SpecPath.Child(path, "of");
        if (interaction.Of is null or { Count: < 2 })
            binder.Error(At(of), of, "an interaction changes alternatives of two or more choices together (one is the specification curve's own point)");
        var members = choices is null ? new Dictionary<string, string>() : interaction.Of ?? new Dictionary<string, string>(); // no choices bound: their own errors say why
        var notOnCi = new List<string>();
        foreach (var (choiceId, alternativeId) in members)
        {
            var at = SpecPath.Child(of, choiceId);
            if (choices?.TryGetValue(choiceId, out var choice) != true)
                binder.Error(At(at), at, $"no choice '{choiceId}'{SpecPath.Hint(choiceId, choices?.Keys ?? [])}");
            else if (!choice!.Alternatives.TryGetValue(alternativeId, out var alternative))
                binder.Error(At(at), at, $"choice '{choiceId}' has no alternative '{alternativeId}'{SpecPath.Hint(alternativeId, choice.Alternatives.Keys)}");
            else if (alternative.Unavailable is not null)
                binder.Error(At(at), at, $"'{choiceId}: {alternativeId}' is unavailable, so it cannot be judged together with another");
            else if (interaction.Ci && !alternative.Ci)
                notOnCi.Add($"'{choiceId}: {alternativeId}'");
        }
        if (notOnCi.Count > 0)
            binder.Error(At(SpecPath.Child(path, "ci")), SpecPath.Child(path, "ci"),
                $"judged on ci, but {string.Join(" and ", notOnCi)} {(notOnCi.Count == 1 ? "is" : "are")} not (mark {(notOnCi.Count == 1 ? "it" : "them")} ci: true first, " +
                "so that the pair's ci verdict can be read against each alternative's own)");
        CheckRecords(interaction, path, map, claims, binder, At);
    }

    /// <summary>What a judged setting records: its flips name claims, its pending_in experiments, and a flip is not recorded where it is pending.</summary>
    static void CheckRecords(JudgedSetting alt, string at, YamlMapping map, IReadOnlyDictionary<string, ClaimSpec>? claims, SpecBinder binder, Func<string, YamlNode> At)
    {
        foreach (var (flips, key) in new[] { (alt.Flips, "flips"), (alt.FlipsCi, "flips_ci"), (alt.VariesByCpu, "varies_by_cpu"), (alt.VariesByCpuCi, "varies_by_cpu_ci") })
            foreach (var claim in (flips ?? []).Where(c => claims?.ContainsKey(c) != true))
                binder.Error(At(SpecPath.Child(at, key)), SpecPath.Child(at, key), $"unknown claim '{claim}'{SpecPath.Hint(claim, claims?.Keys ?? [])}");
        var experiments = (map["experiments"] as YamlMapping)?.Entries.Select(e => e.Key.Value).ToList() ?? [];
        var pendingAt = SpecPath.Child(at, "pending_in");
        foreach (var experiment in alt.PendingIn.Where(x => !experiments.Contains(x)))
            binder.Error(At(pendingAt), pendingAt, $"unknown experiment '{experiment}'{SpecPath.Hint(experiment, experiments)}");
        if (alt.PendingIn.Count > 0 && alt.Flips is null)
            binder.Error(At(pendingAt), pendingAt, "pending_in names what is not yet judged beside the flips recorded for the rest: record flips too (or drop pending_in while nothing is judged)");
        foreach (var claim in (alt.Flips ?? []).Where(c => claims?.TryGetValue(c, out var spec) == true && alt.PendingIn.Contains(spec.Experiment)))
            binder.Error(At(SpecPath.Child(at, "flips")), SpecPath.Child(at, "flips"), $"'{claim}' is a claim of {claims![claim].Experiment}, which pending_in says is not yet judged");
    }

    static void CheckTopLevel(YamlMapping map, SpecBinder binder)
    {
        foreach (var (key, _) in map.Entries)
            if (!TopLevelKeys.Contains(key.Value) && !key.Value.StartsWith("x-", StringComparison.Ordinal))
                binder.Error(key, key.Value, $"unknown top-level key '{key.Value}'{SpecPath.Hint(key.Value, TopLevelKeys)}; allowed: {string.Join(", ", TopLevelKeys)}");
        if (map["schema"] is { } schema && binder.Bind<int?>(schema, "schema") is { } v && v != SchemaVersion)
            binder.Error(schema, "schema", $"this harness reads schema {SchemaVersion}");
    }

    /// <summary>Every experiment, resolved for every profile (layered over defaults, its profile overrides and --set).</summary>
    static OrderedDictionary<string, ResolvedExperiment> Experiments(
        YamlMapping map, List<YamlNode> sets, SpecBinder binder, IReadOnlyDictionary<string, DatasetSpec>? datasets, List<SpecError> errors)
    {
        var experiments = new OrderedDictionary<string, ResolvedExperiment>();
        if (map["experiments"] is not YamlMapping exps)
        {
            binder.Error(map["experiments"] ?? map, "experiments", "expected a mapping of experiment ids to experiments");
            return experiments;
        }
        foreach (var (key, node) in exps.Entries)
        {
            var path = SpecPath.Child("experiments", key.Value);
            var resolved = Resolve(key.Value, node, map["defaults"], sets, path, binder, datasets, errors);
            if (resolved != null) experiments[key.Value] = resolved;
        }
        return experiments;
    }

    /// <summary>Each model with the settings it trains with (see <see cref="ModelSettings"/>).</summary>
    static ExperimentSpec Resolved(ExperimentSpec e)
    {
        var models = new OrderedDictionary<string, ModelSpec>();
        foreach (var (id, m) in e.Models) models[id] = m with { Settings = ModelSettings.Resolve(e, m) };
        return e with { Models = models };
    }

    /// <summary>One <c>variants.&lt;v&gt;</c> block: its setting overrides and what describes it.</summary>
    sealed record VariantBlock(YamlNode Node, YamlNode Overrides, string? About, string? Unavailable,
        IReadOnlyDictionary<string, string> Sources, Dictionary<string, YamlNode> Profiles);

    static ResolvedExperiment? Resolve(
        string id, YamlNode node, YamlNode? defaults, List<YamlNode> sets, string path,
        SpecBinder binder, IReadOnlyDictionary<string, DatasetSpec>? datasets, List<SpecError> errors)
    {
        if (node is not YamlMapping experiment)
        {
            binder.Error(node, path, "expected a mapping");
            return null;
        }
        var profiles = Profiles(experiment, path, binder);
        experiment = experiment.Without("profiles");
        var common = experiment["sources"] is { } cs ? binder.Bind<IReadOnlyDictionary<string, string>>(cs, SpecPath.Child(path, "sources")) : null;
        experiment = experiment.Without("sources");
        var blocks = Blocks(experiment["variants"], SpecPath.Child(path, "variants"), binder);
        experiment = experiment.Without("variants");

        var based = defaults != null ? YamlMerge.Over(defaults, experiment) : experiment;
        // Checked before binding, so that a wrong reference is reported even when other keys are wrong too.
        if (datasets != null && based is YamlMapping { } b && b["dataset"] is YamlScalar ds && !datasets.ContainsKey(ds.Value))
            binder.Error(ds, SpecPath.Child(path, "dataset"), $"unknown dataset '{ds.Value}'{SpecPath.Hint(ds.Value, datasets.Keys)}; datasets: {string.Join(", ", datasets.Keys)}");

        var result = new Dictionary<(Variant, Profile), ExperimentSpec>();
        foreach (var variant in Variants.All)
        {
            var block = blocks?.GetValueOrDefault(variant);
            // A variant that cannot be run still resolves (to the as-written settings), so that every caller finds all three.
            var settings = block?.Unavailable != null ? blocks!.GetValueOrDefault(Variant.AsWritten) : block;
            var sources = new Dictionary<string, string>(common ?? new Dictionary<string, string>());
            foreach (var (k, v) in block?.Sources ?? new Dictionary<string, string>()) sources[k] = v;
            foreach (var profile in Enum.GetValues<Profile>())
            {
                var name = SpecPath.SnakeCase(profile.ToString());
                var merged = settings != null ? YamlMerge.Over(based, settings.Overrides) : based;
                if (profiles.TryGetValue(name, out var o)) merged = YamlMerge.Over(merged, o);
                if (settings?.Profiles.TryGetValue(name, out var vo) == true) merged = YamlMerge.Over(merged, vo);
                foreach (var set in sets)
                    if (set is YamlMapping { Entries: [{ Value: YamlMapping { Entries: var byId } }] })
                        foreach (var (target, assignment) in byId)
                            if (target.Value == id) merged = YamlMerge.Over(merged, assignment);
                var spec = binder.Bind<ExperimentSpec>(merged, path, key: id);
                if (spec == null) continue;
                spec = Resolved(spec with
                {
                    Profile = profile, Variant = variant, About = block?.About, Unavailable = block?.Unavailable, Sources = sources,
                });
                if (datasets != null) SpecValidator.Validate(datasets, spec, path, binder.Marks, errors);
                if (block != null && profile == Profile.Full && spec.Unavailable == null)
                    SourceCheck.Validate(spec, block.Node, SpecPath.Child(SpecPath.Child(path, "variants"), variant.Key()), binder);
                result[(variant, profile)] = spec;
            }
        }
        return result.Count == Variants.All.Count * Enum.GetValues<Profile>().Length ? new ResolvedExperiment(id, result, blocks != null) : null;
    }

    static Dictionary<string, YamlNode> Profiles(YamlMapping node, string path, SpecBinder binder)
    {
        var profiles = new Dictionary<string, YamlNode>();
        if (node["profiles"] is not { } p) return profiles;
        if (p is YamlMapping pm)
            foreach (var (name, overrides) in pm.Entries)
            {
                if (Enum.GetNames<Profile>().Select(SpecPath.SnakeCase).Contains(name.Value)) profiles[name.Value] = overrides;
                else binder.Error(name, SpecPath.Child(SpecPath.Child(path, "profiles"), name.Value), $"unknown profile '{name.Value}'; allowed: ci, full");
            }
        else binder.Error(p, SpecPath.Child(path, "profiles"), "expected a mapping such as 'ci: {seeds: [1, 2, 3]}'");
        return profiles;
    }

    /// <summary>The <c>variants</c> block: all three settings or none, each with a sentence saying what it is.</summary>
    static Dictionary<Variant, VariantBlock>? Blocks(YamlNode? node, string path, SpecBinder binder)
    {
        if (node is null) return null;
        var keys = string.Join(", ", Variants.All.Select(v => v.Key()));
        if (node is not YamlMapping map)
        {
            binder.Error(node, path, $"expected a mapping with {keys}");
            return null;
        }
        var blocks = new Dictionary<Variant, VariantBlock>();
        foreach (var (name, value) in map.Entries)
        {
            var vpath = SpecPath.Child(path, name.Value);
            if (Variants.Parse(name.Value) is not { } variant)
            {
                binder.Error(name, vpath, $"unknown variant '{name.Value}'{SpecPath.Hint(name.Value, Variants.All.Select(v => v.Key()))}; variants: {keys}");
                continue;
            }
            if (value is not YamlMapping block)
            {
                binder.Error(value, vpath, "expected a mapping of settings with 'about'");
                continue;
            }
            string? Text(string key) => block[key] is { } n ? binder.Bind<string>(n, SpecPath.Child(vpath, key)) : null;
            var about = Text("about");
            if (string.IsNullOrWhiteSpace(about)) binder.Error(block, SpecPath.Child(vpath, "about"), $"variant '{name.Value}' needs 'about': a sentence saying what these settings are");
            var sources = block["sources"] is { } s ? binder.Bind<IReadOnlyDictionary<string, string>>(s, SpecPath.Child(vpath, "sources")) : null;
            var overrides = block.Without("about").Without("unavailable").Without("sources").Without("profiles");
            blocks[variant] = new VariantBlock(block, overrides, about, Text("unavailable"), sources ?? new Dictionary<string, string>(), Profiles(block, vpath, binder));
        }
        foreach (var missing in Variants.All.Where(v => !blocks.ContainsKey(v)))
            binder.Error(map, SpecPath.Child(path, missing.Key()), $"missing variant '{missing.Key()}': an experiment with variants declares all three ({keys})");
        return blocks;
    }
}
