using System.CommandLine;
using Research.Cli.Display;
using Research.Specs;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research run</c>: train (or fetch from the cache) every model × seed of one experiment.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment id from experiments.yaml (see `research list`)." };
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var variant = CommonOptions.VariantOption();
        var set = CommonOptions.Set();
        var seeds = new Option<int[]>("--seed", "-s") { Description = "Train only these seeds (repeatable); default: the profile's seeds." };
        var models = new Option<string[]>("--model", "-m") { Description = "Train only these models (repeatable); default: all of the experiment's models." };
        var command = new Command("run",
            """
            Train every model of an experiment from every seed of the chosen profile, through the engine the
            tests use. Finished runs are cached (.cache/runs, or $RESEARCH_CACHE): asking again prints the
            stored result at once. Ctrl+C stops cleanly; the interrupted run is not stored.
            """) { experiment, spec, profile, variant, seeds, models, set };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), CommonOptions.ForExperiment(parse.GetValue(experiment)!, parse.GetValue(set) ?? []));
            var e = engine.Spec.Experiment(parse.GetValue(experiment)!, parse.GetValue(profile), CommonOptions.ParseVariant(parse.GetValue(variant)));
            if (e.Unavailable is { } why) throw new ArgumentException($"{e.Id} cannot be run {e.Variant.Words()}: {why}");
            var chosenSeeds = parse.GetValue(seeds) is { Length: > 0 } s ? s : e.Seeds.ToArray();
            var chosenModels = parse.GetValue(models) is { Length: > 0 } m ? m : e.Models.Keys.ToArray();
            foreach (var id in chosenModels)
                if (!e.Models.ContainsKey(id))
                    throw new KeyNotFoundException($"experiment {e.Id} has no model '{id}'; models: {string.Join(", ", e.Models.Keys)}");

            AnsiConsole.MarkupLine($"[bold]§{e.Section} {Markup.Escape(e.Title)}[/] — {e.Variant.Words()}, {e.Profile.ToString().ToLowerInvariant()} profile, " +
                                   $"{chosenModels.Length} model(s) × {chosenSeeds.Length} seed(s), up to {e.MaxEpochs:N0} epochs, {Batches(e, chosenModels)}");
            Research.Torch.TorchRuntime.SetThreads(e.Threads); // loads libtorch and configures its numerics before anything trains
            AnsiConsole.MarkupLine($"[grey]numerics: {Markup.Escape(Research.Torch.Numerics.Mode)} (machine {Research.Torch.Numerics.Fingerprint})[/]");
            var results = new List<RunResult>();
            void RunAll(IRunObserver observer) =>
                results.AddRange(engine.RunMany(e, chosenModels.SelectMany(m => chosenSeeds.Select(s => (m, s))), observer, cancel));
            LiveProgress.Show(RunAll, keepFinished: true);
            AnsiConsole.Write(ResultTable.Create(e, results));
            return 0;
        })));
        return command;
    }

    /// <summary>The batch sizes the chosen models train with (each model's own, else the experiment's): "batch 64", "batch 10 to 1,510".</summary>
    static string Batches(ExperimentSpec e, IReadOnlyList<string> models)
    {
        var batches = models.Select(m => e.Models[m].Settings.Batch).Distinct().ToList();
        if (batches.Count == 1) return $"batch {batches[0]}";
        var sizes = batches.Where(b => !b.IsFull).Select(b => b.Size!.Value).Order().ToList();
        return $"batch {sizes[0]:N0} to {sizes[^1]:N0}{(batches.Any(b => b.IsFull) ? " and full" : "")}";
    }
}
