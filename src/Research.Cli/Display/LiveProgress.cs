using System.Diagnostics;
using Research.Runs;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Display;

/// <summary>
/// Draws progress while runs train, on stderr (stdout holds only the verb's answer): one line per run with
/// epoch, loss and time left (interactive terminals), or a plain line every 10% of a run (logs, CI).
/// </summary>
/// <param name="context">The live display, or null for plain lines.</param>
/// <param name="quietCache">Say nothing of runs read from the cache (claims and reports read hundreds); <see cref="CachedCount"/> counts them.</param>
/// <param name="settingOf">The setting a run is trained for, named on its line when it is not the as-written one (a verb
/// that trains one seed under several settings passes its plan's <see cref="RunPlan.SettingOf"/>); null: none named.</param>
internal sealed class LiveProgress(ProgressContext? context, bool quietCache = false, Func<RunId, string?>? settingOf = null) : IRunObserver
{
    // Keyed by the whole run id: one seed under two settings (robustness) is two runs, two lines, two counts.
    readonly Dictionary<RunId, ProgressTask> _tasks = new();
    readonly Dictionary<RunId, int> _lastDecile = new();
    readonly Stopwatch _throttle = Stopwatch.StartNew();
    readonly HashSet<RunId> _cached = new();
    readonly HashSet<RunId> _finished = new();

    /// <summary>Runs <paramref name="work"/> under a live progress display (interactive) or plain progress lines (logs).</summary>
    /// <returns>The display, which knows which runs came from the cache.</returns>
    public static LiveProgress Show(Action<IRunObserver> work, bool keepFinished, bool quietCache = false, Func<RunId, string?>? settingOf = null)
    {
        if (!Consoles.Err.Profile.Capabilities.Interactive)
        {
            var plain = new LiveProgress(null, quietCache, settingOf);
            work(plain);
            return plain;
        }
        LiveProgress? live = null;
        Consoles.Err.Progress().AutoClear(!keepFinished).HideCompleted(!keepFinished)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => work(live = new LiveProgress(ctx, quietCache, settingOf)));
        return live!;
    }

    /// <summary>
    /// The settings of the profile's grid (every variant, and every judged alternative under
    /// <paramref name="alternativesUnder"/>), found the first time a line names a run: a verb that reads everything from
    /// the cache and prints nothing per run does not pay for it. A label never stops training: if the grid cannot be
    /// resolved, runs are named without their setting.
    /// </summary>
    public static Func<RunId, string?> SettingsOf(Engine engine, Research.Specs.Profile profile,
        Research.Specs.Variant alternativesUnder = Research.Specs.Variant.AsWritten)
    {
        var names = new Lazy<IReadOnlyDictionary<string, string?>>(() =>
        {
            try
            {
                return RunPlan.SettingNames(engine.Spec, profile, alternativesUnder);
            }
            catch (Exception e) when (e is not OutOfMemoryException) // whatever went wrong, the runs train; only their names are shorter
            {
                return new Dictionary<string, string?>();
            }
        });
        return run => names.Value.GetValueOrDefault(run.Key);
    }

    /// <summary>How many distinct runs came from the cache, and how many finished in all.</summary>
    public int CachedCount { get { lock (_tasks) return _cached.Count; } }
    public int FinishedCount { get { lock (_tasks) return _finished.Count; } }

    /// <summary>Whether this run was read from the run cache rather than trained now.</summary>
    public bool WasCached(RunResult r)
    {
        lock (_tasks) return _cached.Contains(RunId.Of(r));
    }

    public void OnEpoch(in RunProgress p)
    {
        lock (_tasks) Update(p);
    }

    void Update(in RunProgress p)
    {
        var key = p.Run;
        if (context == null)
        {
            int decile = p.Epoch * 10 / p.MaxEpochs;
            if (_lastDecile.GetValueOrDefault(key, -1) != decile)
            {
                _lastDecile[key] = decile;
                Console.Error.WriteLine($"  {Name(p.Run)}: epoch {p.Epoch:N0}/{p.MaxEpochs:N0}, loss {p.TrainLoss:G4}{Accuracy(p)}, {p.Elapsed.TotalSeconds:F0} s");
            }
            return;
        }
        if (!_tasks.TryGetValue(key, out var task))
            _tasks[key] = task = context.AddTask(Describe(p), maxValue: p.MaxEpochs);
        if (_throttle.ElapsedMilliseconds < 100 && p.Epoch != p.MaxEpochs) return;
        _throttle.Restart();
        task.Value = p.Epoch;
        task.Description = Describe(p);
    }

    public void OnFinished(RunResult result)
    {
        lock (_tasks) Finish(result);
    }

    void Finish(RunResult result)
    {
        var key = RunId.Of(result);
        if (!_finished.Add(key)) return; // said once, however many callers asked for it
        if (_tasks.TryGetValue(key, out var task))
        {
            task.Description = Markup.Escape($"{Name(key)}: {Outcome(result)}");
            task.Value = task.MaxValue;
            task.StopTask();
        }
        else if (context == null && !(quietCache && _cached.Contains(key)))
            Console.Error.WriteLine($"  {Name(key)}: " +
                              $"{(_cached.Contains(key) ? "from the run cache, " : "")}{Outcome(result)}");
    }

    public void OnResumed(RunId run, int epoch) =>
        Console.Error.WriteLine($"  {Name(run)}: resuming from the checkpoint at epoch {epoch:N0}");

    public void OnContinued(RunId run, int epoch) =>
        Console.Error.WriteLine($"  {Name(run)}: continuing from the final state of its {epoch:N0}-epoch run");

    public void OnWaiting(RunId run) =>
        Console.Error.WriteLine($"  {Name(run)}: another process is training this run; waiting for its result");

    /// <summary>Noted, and said once with the run's outcome when it finishes.</summary>
    public void OnCached(RunId run)
    {
        lock (_tasks) _cached.Add(run);
    }

    public static string Outcome(RunResult r) => r.Outcome switch
    {
        RunOutcome.Converged => $"converged at epoch {r.ConvergedEpoch:N0}",
        RunOutcome.Diverged => $"diverged at epoch {r.DivergedEpoch:N0}",
        _ => $"{Words.Count(r.Epochs, "epoch")}, final loss {r.FinalTrainLoss:G4}",
    };

    /// <summary>"cnn-depth cnn-3 seed 2", and "[cnn-3-front: cnn-1-front]" after it when trained for another setting than as written.</summary>
    string Name(RunId run) =>
        $"{run.Experiment} {run.Model} seed {run.Seed}" + (settingOf?.Invoke(run) is { } setting ? $" [{setting}]" : "");

    string Describe(in RunProgress p) =>
        Markup.Escape($"{Name(p.Run)} · epoch {p.Epoch:N0} · loss {p.TrainLoss:G4}{Accuracy(p)}");

    static string Accuracy(in RunProgress p) => p.TestAccuracy is { } a ? $" · test acc {a:P2}" : "";
}
