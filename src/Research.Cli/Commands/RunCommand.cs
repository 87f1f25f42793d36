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
        var selection = new RunSelection();
        var command = new Command("run",
            """
            Train every model of an experiment from every seed of the chosen profile, through the engine the
            tests use. Finished runs are cached (.cache/runs, or $RESEARCH_CACHE): asking again prints the
            stored result at once. Ctrl+C stops cleanly; the interrupted run is not stored.
            """);
        selection.AddTo(command);
        var json = JsonOutput.Option("each run's outcome, final metrics, wall time and whether it came from the cache");
        command.Options.Add(json);
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var (engine, e, chosenModels, chosenSeeds) = selection.Resolve(parse);
            var (results, progress) = Train(engine, e, chosenModels, chosenSeeds, cancel);
            var target = parse.GetValue(json);
            JsonOutput.TableConsole(target).Write(ResultTable.Create(e, results, progress.WasCached));
            JsonOutput.Write(target, results.Select(r => Json(e, r, progress.WasCached(r))).ToList());
            return 0;
        })));
        return command;
    }

    /// <summary>One run as data, the table's columns and its key: what <c>--json</c> writes.</summary>
    static object Json(ExperimentSpec e, RunResult r, bool cached) => new
    {
        experiment = e.Id, profile = Words.Profile(e.Profile), variant = e.Variant.Key(), model = r.Model, seed = r.Seed,
        parameters = r.Parameters, outcome = r.Outcome, epochs = r.Epochs, converged_epoch = r.ConvergedEpoch, diverged_epoch = r.DivergedEpoch,
        final_train_loss = r.FinalTrainLoss,
        final_train_accuracy = r.Metrics.TrainAccuracy is { Length: > 0 } ta ? ta[^1] : (double?)null,
        final_test_accuracy = r.Metrics.TestAccuracy is { Length: > 0 } te ? te[^1] : (double?)null,
        wall_seconds = r.Provenance.WallSeconds, cached, run_key = r.Provenance.RunKey,
    };

    /// <summary>Names what trains and under which numerics, then trains (or fetches from the cache) each model × seed with a live progress display.</summary>
    internal static (IReadOnlyList<RunResult> Runs, LiveProgress Progress) Train(Research.Runs.Engine engine, ExperimentSpec e, IReadOnlyList<string> models, IReadOnlyList<int> seeds, CancellationToken cancel)
    {
        // What trains and how goes to stderr with the progress: stdout holds the table (or the JSON) only.
        Consoles.Err.MarkupLine($"[bold]§{e.Section} {Markup.Escape(e.Title)}[/] — {e.Variant.Words()}, {e.Profile.ToString().ToLowerInvariant()} profile, " +
                               $"{Words.Count(models.Count, "model")} × {Words.Count(seeds.Count, "seed")}, up to {Words.Count(e.MaxEpochs, "epoch")}, {Batches(e, models)}");
        Research.Torch.TorchRuntime.SetThreads(e.Threads); // loads libtorch and configures its numerics before anything trains
        Consoles.Err.MarkupLine($"[grey]numerics: {Markup.Escape(Research.Torch.Numerics.Mode)} (machine {Research.Torch.Numerics.Fingerprint})[/]");
        var results = new List<RunResult>();
        void RunAll(IRunObserver observer) => results.AddRange(engine.RunMany(e, models.SelectMany(m => seeds.Select(s => (m, s))), observer, cancel));
        // Cached runs are not listed one by one (they would come in the order the parallel lookups finish, and
        // the table marks them): one line counts them.
        var progress = LiveProgress.Show(RunAll, keepFinished: true, quietCache: true);
        if (progress.CachedCount > 0)
            Consoles.Err.MarkupLine($"[grey]{(progress.CachedCount == results.Count ? results.Count == 1 ? "the run" : $"all {results.Count:N0} runs" : $"{progress.CachedCount:N0} of {results.Count:N0} runs")} " +
                                    "from the run cache (the wall time shown is the original training's)[/]");
        return (results, progress);
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
