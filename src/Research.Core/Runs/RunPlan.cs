using Research.Outcomes;
using Research.Specs;
using Research.Specs.Loading;

namespace Research.Runs;

/// <summary>Where a planned run's expected cost comes from.</summary>
public enum CostSource
{
    /// <summary>The run is in the cache: its own wall time (nothing left to train).</summary>
    Cached,
    /// <summary>Scaled from a cached run of the same experiment and model under other settings (seconds per epoch and sample).</summary>
    Measured,
    /// <summary>No run of that model is cached: from its parameter count, epochs and samples.</summary>
    Estimated,
}

/// <summary>One run of the grid: what to train, its cache key and where its result goes, and what it is expected to cost.</summary>
public sealed record PlannedRun(
    string Experiment, string Model, int Seed, string Key, string CachePath, bool Cached, double Seconds, CostSource CostSource,
    IReadOnlyList<string> Settings)
{
    /// <summary>"fit-sinc model-1 seed 3".</summary>
    public string Name => $"{Experiment} {Model} seed {Seed}";

    /// <summary>The first setting that needs it, when that is not the as-written one ("harness", "cnn-3-front: cnn-1-front"); null for the as-written run.</summary>
    public string? Setting => RunPlan.Named(Settings);

    /// <summary>"cnn-depth cnn-3 seed 1 [cnn-3-front: cnn-1-front]": the name and, when not as written, the setting (as progress lines name a run).</summary>
    public string Label => Setting is { } s ? $"{Name} [{s}]" : Name;

    /// <summary>The run as observers and the run log know it.</summary>
    public Research.Training.RunId Id => new(Experiment, Model, Seed, Key);
}

/// <summary>
/// The run grid of a profile as data (issue 17): every run that <c>research reproduce</c> trains — each experiment under
/// each variant it runs, and under each alternative of the choices the profile judges — once per cache key, longest first.
/// Frozen to a <see cref="PlanFile"/>, workers split it by cost (<see cref="PlanFile.Share"/>); a cluster trains it into one shared cache folder, and the report
/// reads it from there.
/// </summary>
public sealed class RunPlan
{
    RunPlan(Profile profile, IReadOnlyList<PlannedRun> runs, IReadOnlyDictionary<string, ExperimentSpec> specs)
    {
        Profile = profile;
        Runs = runs;
        _specs = specs;
        _byKey = runs.ToDictionary(r => r.Key);
    }

    readonly IReadOnlyDictionary<string, ExperimentSpec> _specs;
    readonly Dictionary<string, PlannedRun> _byKey;

    public Profile Profile { get; }

    /// <summary>Every run once, longest expected first (ties by name, so every host lists the same order).</summary>
    public IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>The resolved experiment a planned run trains under (its key names it).</summary>
    public ExperimentSpec SpecOf(PlannedRun run) => _specs[run.Key];

    public IEnumerable<PlannedRun> Missing => Runs.Where(r => !r.Cached);

    /// <summary>
    /// The setting a run with this cache key is trained for, to tell apart on a progress line the runs of one seed
    /// under two settings: null when it is the as-written run (or not in the plan), else the first that needs it
    /// ("harness", "unstated-batch-size: batch-64", …).
    /// </summary>
    public string? SettingOf(string key) => _byKey.TryGetValue(key, out var run) ? run.Setting : null;

    internal static string? Named(IReadOnlyList<string> settings) => settings.Count > 0 && settings[0] != Variant.AsWritten.Key() ? settings[0] : null;

    /// <summary>
    /// <see cref="SettingOf"/> for every run of the grid, by cache key, without reading the cache (no costs): what a
    /// progress display needs. <paramref name="alternativesUnder"/> is the variant the alternatives are judged under
    /// (<c>research robustness --variant</c>; the plan itself judges them as written).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> SettingNames(ResearchSpec spec, Profile profile, Variant alternativesUnder = Variant.AsWritten) =>
        Grid(spec, profile, null, robustness: true, alternativesUnder).ToDictionary(kv => kv.Key, kv => Named(kv.Value.Settings));

    /// <param name="spec">The loaded experiments.yaml.</param>
    /// <param name="profile">ci or full.</param>
    /// <param name="cache">Where finished runs are (and what the costs are read from).</param>
    /// <param name="experiments">Only these experiments (null: all).</param>
    /// <param name="robustness">Also the runs of the alternatives and interactions the profile judges (what <c>reproduce</c> trains unless told not to).</param>
    public static RunPlan Build(ResearchSpec spec, Profile profile, RunCache cache, IReadOnlyCollection<string>? experiments = null, bool robustness = true)
    {
        if (experiments is not null)
            foreach (var id in experiments) spec.Experiment(id, profile); // an unknown id fails here, naming the known ones
        var byKey = Grid(spec, profile, experiments, robustness, Variant.AsWritten);

        var costs = new CostModel(spec, cache);
        var runs = byKey.Select(kv =>
            {
                var (e, model, seed, settings) = kv.Value;
                var path = cache.PathOf(e.Id, model, seed, kv.Key);
                var (seconds, source) = costs.Of(e, model, path);
                return new PlannedRun(e.Id, model, seed, kv.Key, path, source == CostSource.Cached, seconds, source, settings);
            })
            .OrderByDescending(r => r.Seconds).ThenBy(r => r.Experiment, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Seed).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new RunPlan(profile, runs, byKey.ToDictionary(kv => kv.Key, kv => kv.Value.Spec));
    }

    /// <summary>Every run of the grid by cache key: its resolved experiment, model, seed and the settings that need it, in declaration order.</summary>
    static Dictionary<string, (ExperimentSpec Spec, string Model, int Seed, List<string> Settings)> Grid(
        ResearchSpec spec, Profile profile, IReadOnlyCollection<string>? experiments, bool robustness, Variant alternativesUnder)
    {
        var specs = new List<(ResearchSpec Spec, Variant Variant, string Setting)>();
        foreach (var variant in Variants.All) specs.Add((spec, variant, variant.Key()));
        if (robustness)
        {
            foreach (var (choice, alternative) in Robustness.Declared(spec, profile))
                specs.Add((SpecLoader.LoadWith(spec, alternative.Set), alternativesUnder, AlternativeOutcome.NameOf(choice, alternative)));
            foreach (var interaction in Robustness.DeclaredInteractions(spec, profile))
                specs.Add((SpecLoader.LoadWith(spec, interaction.Set(spec)), alternativesUnder, InteractionOutcome.NameOf(interaction.Members(spec))));
        }

        var byKey = new Dictionary<string, (ExperimentSpec Spec, string Model, int Seed, List<string> Settings)>();
        foreach (var (s, variant, setting) in specs)
            foreach (var resolved in s.Experiments.Values)
            {
                if (experiments is not null && !experiments.Contains(resolved.Id)) continue;
                if (!resolved.Runnable.Contains(variant)) continue;
                var e = resolved[profile, variant];
                var dataset = s.DatasetOf(e);
                foreach (var model in e.Models.Keys)
                    foreach (var seed in e.Seeds)
                    {
                        var key = RunKey.For(e, dataset, model, seed);
                        if (!byKey.TryGetValue(key, out var entry)) byKey[key] = entry = (e, model, seed, []);
                        if (!entry.Settings.Contains(setting)) entry.Settings.Add(setting);
                    }
            }
        return byKey;
    }

    /// <summary>
    /// The greedy longest-processing-time split of runs with these costs (in this order: longest first gives the
    /// best split) into <paramref name="count"/> shares: each run to the share with the least work so far, ties to the
    /// lowest index. The same costs give the same shares on every host. Returns the indices of each share's runs.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Shares(IReadOnlyList<double> seconds, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a grid is split into at least one share");
        var shares = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var load = new double[count];
        for (int run = 0; run < seconds.Count; run++)
        {
            int least = 0;
            for (int i = 1; i < count; i++) if (load[i] < load[least]) least = i;
            shares[least].Add(run);
            load[least] += Math.Max(seconds[run], 1e-3); // a run of no known cost still counts, so shares stay balanced by number too
        }
        return shares;
    }

    /// <summary>
    /// Expected wall seconds of a run: its own if cached, else a cached run of the same experiment and model scaled by
    /// epochs × training samples, else its parameters × epochs × samples at a throughput measured on this project's
    /// MLP (a rough figure: it only balances shares).
    /// </summary>
    sealed class CostModel(ResearchSpec spec, RunCache cache)
    {
        const double ParameterSampleEpochsPerSecond = 2.0e9; // ~397,510 × 60,000 per 10 s epoch (784-500-10, batch 64, one thread)
        readonly Dictionary<string, double?> _perUnit = new();

        public (double Seconds, CostSource Source) Of(ExperimentSpec e, string model, string path)
        {
            if (cache.TryRead(path) is { } cached) return (cached.Provenance.WallSeconds, CostSource.Cached);
            double units = e.MaxEpochs * (double)Samples(e);
            var folder = Path.GetDirectoryName(path)!;
            if (!_perUnit.TryGetValue(folder, out var perUnit))
                _perUnit[folder] = perUnit = MeasuredPerUnit(folder);
            if (perUnit is { } measured) return (measured * units, CostSource.Measured);
            var parameters = e.Models[model].Parameters ?? 10_000;
            return (parameters * units / ParameterSampleEpochsPerSecond, CostSource.Estimated);
        }

        /// <summary>Training samples per epoch: the profile's subset, else the whole data set.</summary>
        long Samples(ExperimentSpec e) => e.TrainSamples ?? (spec.DatasetOf(e) is { Kind: DatasetKind.Function } d ? d.Points : 60_000);

        /// <summary>
        /// Seconds per epoch budget × sample of the cached runs in this model's folder (their median), null if none. A run
        /// that stops early (converged) used less of its budget; its profile's budget is what it is scaled by, so a run
        /// of the same profile is expected to take what the cached one took.
        /// </summary>
        double? MeasuredPerUnit(string folder)
        {
            if (!Directory.Exists(folder)) return null;
            var rates = Directory.EnumerateFiles(folder, "seed*.json")
                .Select(cache.TryRead).OfType<Training.RunResult>()
                .Where(r => r.Provenance.WallSeconds > 0 && BudgetOf(r) is > 0)
                .Select(r => r.Provenance.WallSeconds / BudgetOf(r)!.Value)
                .Order().ToList();
            return rates.Count == 0 ? null : rates[rates.Count / 2];
        }

        /// <summary>Epochs × samples the cached run's profile gives its experiment (as written); null when the spec no longer has it.</summary>
        double? BudgetOf(Training.RunResult r) =>
            spec.Experiments.TryGetValue(r.Experiment, out var x) && Enum.TryParse<Profile>(r.Profile, ignoreCase: true, out var p)
                ? x[p].MaxEpochs * (double)Samples(x[p]) : null;
    }
}

/// <summary>
/// A plan frozen to a file (<c>research plan --json</c>, and what <c>research submit</c> writes beside its job scripts): the
/// runs and costs every worker splits the same way, however many of them have finished since it was made.
/// </summary>
public sealed record PlanFile
{
    public required string SpecSha256 { get; init; }
    public required string Profile { get; init; }
    /// <summary>The experiments the plan was limited to (empty: all).</summary>
    public IReadOnlyList<string> Experiments { get; init; } = [];
    public bool Robustness { get; init; } = true;
    public required IReadOnlyList<PlanEntry> Runs { get; init; }
    public double TotalSeconds => Runs.Sum(r => r.Seconds);
    public double MissingSeconds => Runs.Where(r => !r.Cached).Sum(r => r.Seconds);

    public static PlanFile Of(RunPlan plan, ResearchSpec spec, IReadOnlyCollection<string>? experiments, bool robustness) => new()
    {
        SpecSha256 = spec.Sha256,
        Profile = plan.Profile.ToString().ToLowerInvariant(),
        Experiments = experiments?.ToList() ?? [],
        Robustness = robustness,
        Runs = plan.Runs.Select(r => new PlanEntry(r.Experiment, r.Model, r.Seed, r.Key, r.Seconds, r.CostSource.ToString().ToLowerInvariant(), r.Cached, r.Settings)).ToList(),
    };

    public void Write(string path) =>
        IO.AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(this, IO.Json.Options)), "--plan", Path.GetDirectoryName(Path.GetFullPath(path))!);

    /// <summary>Reads a plan file; a missing or unreadable one is an error naming it and how to make one.</summary>
    public static PlanFile Read(string path)
    {
        const string fix = "Write one with `research plan --json <file>` (or let `research submit` write it).";
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such plan file. {fix}", path);
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<PlanFile>(File.ReadAllText(path), IO.Json.Options)
                   ?? throw new InvalidDataException($"{path}: the plan file is empty. {fix}");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path}: not a plan file ({e.Message}). {fix}", e);
        }
    }

    /// <summary>The runs of share <paramref name="index"/> of <paramref name="count"/>: the runs missing when the plan was made, split by cost.</summary>
    public IReadOnlyList<PlanEntry> Share(int index, int count)
    {
        if (count < 1 || index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), $"share {index} of {count}: the index runs from 0 to count − 1");
        var missing = Runs.Where(r => !r.Cached).ToList();
        var shares = RunPlan.Shares(missing.Select(r => r.Seconds).ToList(), count);
        return shares[index].Select(i => missing[i]).ToList();
    }
}

/// <summary>One run of a <see cref="PlanFile"/>.</summary>
public sealed record PlanEntry(string Experiment, string Model, int Seed, string Key, double Seconds, string Cost, bool Cached, IReadOnlyList<string> Settings);
