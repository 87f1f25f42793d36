using System.Diagnostics;
using Research.Training;
using Spectre.Console;

namespace Research.Cli.Display;

/// <summary>
/// Draws progress while runs train: one line per run with epoch, loss and time left (interactive
/// terminals), or a plain line every 10% of a run (logs, CI).
/// </summary>
internal sealed class LiveProgress(ProgressContext? context) : IRunObserver
{
    readonly Dictionary<(string, string, int), ProgressTask> _tasks = new();
    readonly Dictionary<(string, string, int), int> _lastDecile = new();
    readonly Stopwatch _throttle = Stopwatch.StartNew();

    /// <summary>Runs <paramref name="work"/> under a live progress display (interactive) or plain progress lines (logs).</summary>
    public static void Show(Action<IRunObserver> work, bool keepFinished)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            work(new LiveProgress(null));
            return;
        }
        AnsiConsole.Progress().AutoClear(!keepFinished).HideCompleted(!keepFinished)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => work(new LiveProgress(ctx)));
    }

    public void OnEpoch(in RunProgress p)
    {
        lock (_tasks) Update(p);
    }

    void Update(in RunProgress p)
    {
        var key = (p.Experiment, p.Model, p.Seed);
        if (context == null)
        {
            int decile = p.Epoch * 10 / p.MaxEpochs;
            if (_lastDecile.GetValueOrDefault(key, -1) != decile)
            {
                _lastDecile[key] = decile;
                Console.WriteLine($"  {p.Experiment} {p.Model} seed {p.Seed}: epoch {p.Epoch:N0}/{p.MaxEpochs:N0}, loss {p.TrainLoss:G4}{Accuracy(p)}, {p.Elapsed.TotalSeconds:F0} s");
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
        var key = (result.Experiment, result.Model, result.Seed);
        if (_tasks.TryGetValue(key, out var task))
        {
            task.Description = Markup.Escape($"{result.Experiment} {result.Model} seed {result.Seed}: {Outcome(result)}");
            task.Value = task.MaxValue;
            task.StopTask();
        }
        else if (context == null)
            Console.WriteLine($"  {result.Experiment} {result.Model} seed {result.Seed}: {Outcome(result)}");
    }

    public void OnResumed(string experiment, string model, int seed, int epoch) =>
        Console.WriteLine($"  {experiment} {model} seed {seed}: resuming from the checkpoint at epoch {epoch:N0}");

    public void OnWaiting(string experiment, string model, int seed) =>
        Console.WriteLine($"  {experiment} {model} seed {seed}: another process is training this run; waiting for its result");

    public void OnCached(string experiment, string model, int seed)
    {
        if (context == null) Console.WriteLine($"  {experiment} {model} seed {seed}: from the run cache");
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
