using System.CommandLine;
using System.Globalization;
using Research.Baselines;
using Research.Cli.Display;
using Research.Specs;
using Research.Torch;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// <c>research baseline</c>: check a sample of an experiment's runs, trained here, against its committed
/// baseline. This is how a full-profile baseline is checked on another CPU without retraining all of it
/// (issue 13, point 4); the baseline tests check whole experiments.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var selection = new RunSelection();
        var command = new Command("baseline",
            """
            Train (or fetch from the cache) some runs of an experiment and compare each one's pinned metrics and
            run key with the committed baselines/<profile>/<variant>/<experiment>.verified.json, with the
            tolerances of experiments.yaml: the strict ones when the baseline was accepted on this very
            machine and numerics setting, the portable ones otherwise. Series and experiment-wide values need
            every run and are left to the baseline tests. Nothing is written. Exit 0: every value within its
            tolerance; 1: a difference.

            Example, the full profile's first seed under the generic kernels:
              ONEDNN_MAX_CPU_ISA=SSE41 ATEN_CPU_CAPABILITY=default MKL_CBWR=COMPATIBLE \
                research baseline cnn-depth -p full -V harness --seed 1 --model cnn-1
            """);
        selection.AddTo(command);
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var (engine, e, models, seeds) = selection.Resolve(parse);
            var store = new BaselineStore(BaselineStore.FolderOf(engine.Paths.Baselines, e.Profile, e.Variant));
            var path = Path.GetRelativePath(engine.Paths.Root, store.PathOf(BaselineStore.Verified(e.Id, "json")));
            var committed = store.ReadSnapshot(e.Id)
                ?? throw new BaselineException(path, $"does not exist: no baseline for {e.Id} {e.Variant.Words()} on the {e.Profile.ToString().ToLowerInvariant()} profile");

            // An interpolation's values belong to both its ends: train the partner of every chosen end too.
            var partners = (e.Analysis?.Interpolation?.Pairs ?? [])
                .SelectMany(p => models.Contains(p.From) ? [p.To] : models.Contains(p.To) ? new[] { p.From } : [])
                .Where(m => !models.Contains(m)).Distinct().ToList();
            if (partners.Count > 0) AnsiConsole.MarkupLine($"[grey]also {Markup.Escape(string.Join(", ", partners))}: the other end of an interpolation the chosen models are part of[/]");
            models = [.. models, .. partners];
            var analysed = Research.Analysis.ExperimentAnalyses.Analyse(engine, e, RunCommand.Train(engine, e, models, seeds, cancel).Runs, sample: true);
            // The same snapshot the baseline tests build (fingerprint, run keys), of these runs only.
            var actual = SnapshotBuilder.Build(e, engine.Spec.DatasetOf(e), analysed, []);
            var runs = actual.RunKeys!.Keys.ToList();
            var expected = committed.OfRuns(runs);
            var strict = SnapshotComparer.SameMachine(expected, actual);
            var differences = SnapshotComparer.Compare(expected, actual, engine.Spec.Baselines);

            AnsiConsole.MarkupLine($"baseline {Markup.Escape(path)}: accepted on {Markup.Escape(committed.Fingerprint ?? "an unrecorded machine")}" +
                                   $"{(committed.Machine is { } m ? $" ({Markup.Escape(m)})" : "")}");
            AnsiConsole.MarkupLine($"this run: {Markup.Escape(Numerics.Fingerprint)} ({Markup.Escape(Numerics.Machine)}) → " +
                                   (strict ? "strict tolerances (same machine and setting)" : "portable tolerances (another machine or setting)"));
            var missing = runs.Where(r => !expected.Metrics.Keys.Any(k => k.StartsWith(r + "/", StringComparison.Ordinal))).ToList();
            if (missing.Count > 0) AnsiConsole.MarkupLine($"[yellow]not in the baseline: {Markup.Escape(string.Join(", ", missing))}[/]");

            // Every value, unpinned ones too: how far another setting moves what a baseline cannot pin is evidence as well.
            var differing = differences.Select(d => d.Key).ToHashSet();
            var table = new Table().AddColumns("key", "baseline", "here", "change", "tolerance", "");
            foreach (var d in differences.Where(d => !expected.Metrics.ContainsKey(d.Key)))
                table.AddRow(Markup.Escape(d.Key), Markup.Escape(d.Expected), Markup.Escape(d.Actual), "", Markup.Escape(d.Tolerance), "[red]differs[/]");
            var pinned = 0;
            foreach (var (key, was) in expected.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                var tolerance = SnapshotComparer.ToleranceOf(e.Id, key, engine.Spec.Baselines, strict, expected.Profile);
                if (!tolerance.Unpinned) pinned++;
                var now = actual.Metrics.TryGetValue(key, out var a) ? a : double.NaN;
                var change = was.Equals(now) ? "0" : was == 0 || double.IsInfinity(was) ? Show(now - was)
                    : ((now - was) / Math.Abs(was)).ToString("+0.00%;-0.00%;0", CultureInfo.InvariantCulture);
                table.AddRow(Markup.Escape(key), Show(was), Show(now), change,
                    Markup.Escape(tolerance.ToString()), differing.Contains(key) ? "[red]differs[/]" : tolerance.Unpinned ? "[grey]not compared[/]" : "[green]ok[/]");
            }
            AnsiConsole.Write(table);
            if (differences.Count == 0 && missing.Count == 0)
            {
                AnsiConsole.MarkupLine($"[green]{Words.Count(runs.Count, "run")}: {pinned} of {Words.Count(expected.Metrics.Count, "value")} pinned here, all within tolerance[/]");
                return 0;
            }
            AnsiConsole.MarkupLine($"[red]{Words.Count(differences.Count, "difference")} beyond tolerance; {pinned} of {Words.Count(expected.Metrics.Count, "value")} pinned here[/]");
            return ErrorHandling.Differs;
        })));
        return command;
    }

    static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
