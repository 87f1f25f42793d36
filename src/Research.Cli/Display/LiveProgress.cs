using System.Diagnostics;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Display;

/// <summary>
/// Draws progress while runs train, on stderr (stdout holds only the verb's answer): one line per run with
/// epoch, loss and time left (interactive terminals), or a plain line every 10% of a run (logs, CI).
/// </summary>
/// <param name="context">The live display, or null for plain lines.</param>
/// <param name="quietCache">Say nothing of runs read from the cache (claims and reports read hundreds); <see cref="CachedCount"/> counts them.</param>
internal sealed class LiveProgress(ProgressContext? context, bool quietCache = false) : IRunObserver
{
    // Keyed by the whole run id: one seed under two settings (robustness) is two runs, two lines, two counts.
    readonly Dictionary<RunId, ProgressTask> _tasks = new();
    readonly Dictionary<RunId, int> _lastDecile = new();
    readonly Stopwatch _throttle = Stopwatch.StartNew();
    readonly HashSet<RunId> _cached = new();
    readonly HashSet<RunId> _finished = new();

    /// <summary>Runs <paramref name="work"/> under a live progress display (interactive) or plain progress lines (logs).</summary>
    /// <returns>The display, which knows which runs came from the cache.</returns>
    public static LiveProgress Show(Action<IRunObserver> work, bool keepFinished, bool quietCache = false)
    {
        if (!Consoles.Err.Profile.Capabilities.Interactive)
        {
            var plain = new LiveProgress(null, quietCache);
            work(plain);
            return plain;
        }
        LiveProgress? live = null;
        Consoles.Err.Progress().AutoClear(!keepFinished).HideCompleted(!keepFinished)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => work(live = new LiveProgress(ctx, quietCache)));
        return live!;
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
                Console.Error.WriteLine($"  {p.Experiment} {p.Model} seed {p.Seed}: epoch {p.Epoch:N0}/{p.MaxEpochs:N0}, loss {p.TrainLoss:G4}{Accuracy(p)}, {p.Elapsed.TotalSeconds:F0} s");
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
            task.Description = Markup.Escape($"{result.Experiment} {result.Model} seed {result.Seed}: {Outcome(result)}");
            task.Value = task.MaxValue;
            task.StopTask();
        }
        else if (context == null && !(quietCache && _cached.Contains(key)))
            Console.Error.WriteLine($"  {result.Experiment} {result.Model} seed {result.Seed}: " +
                              $"{(_cached.Contains(key) ? "from the run cache, " : "")}{Outcome(result)}");
    }

    public void OnResumed(RunId run, int epoch) =>
        Console.Error.WriteLine($"  {run.Experiment} {run.Model} seed {run.Seed}: resuming from the checkpoint at epoch {epoch:N0}");

    public void OnContinued(RunId run, int epoch) =>
        Console.Error.WriteLine($"  {run.Experiment} {run.Model} seed {run.Seed}: continuing from the final state of its {epoch:N0}-epoch run");

    public void OnWaiting(RunId run) =>
        Console.Error.WriteLine($"  {run.Experiment} {run.Model} seed {run.Seed}: another process is training this run; waiting for its result");

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

    static string Describe(in RunProgress p) =>
        Markup.Escape($"{p.Experiment} {p.Model} seed {p.Seed} · epoch {p.Epoch:N0} · loss {p.TrainLoss:G4}{Accuracy(p)}");

    static string Accuracy(in RunProgress p) => p.TestAccuracy is { } a ? $" · test acc {a:P2}" : "";
}
