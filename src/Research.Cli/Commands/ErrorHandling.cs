using Research.Data;
using Research.Specs;
using Spectre.Console;
using Research.IO;
using Research.Cli.Display;

namespace Research.Cli.Commands;

/// <summary>Turns the errors a user can act on into messages and exit codes instead of stack traces.</summary>
internal static class ErrorHandling
{
    /// <summary>
    /// Exit codes, one meaning each so a script can tell them apart: 0 done (every verdict and baseline as
    /// recorded), 1 a verdict, baseline or stress check differs, 2 the command line or the spec asks for
    /// something that does not exist or is invalid, 3 data or storage (a file, the cache, a baseline) is
    /// missing or unreadable, 5 a run failed, 6 the cluster, 130 cancelled. The root --help and the README list them.
    /// </summary>
    public const int Differs = 1, UsageError = 2, SpecError = 2, DataError = 3, StorageError = 3, TrainingError = 5, ClusterError = 6, Cancelled = 130;

    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (SpecException e)
        {
            Consoles.Err.MarkupLine($"[red]{Markup.Escape(e.Errors.Count == 1 ? "1 error" : $"{e.Errors.Count} errors")} in the spec:[/]");
            foreach (var error in e.Errors) Consoles.Err.MarkupLine($"  [red]{Markup.Escape(error.ToString())}[/]");
            return SpecError;
        }
        catch (DataException e)
        {
            Consoles.Err.MarkupLine($"[red]Data problem:[/] {Markup.Escape(e.File)}: {Markup.Escape(e.Problem)}.");
            Consoles.Err.MarkupLine($"[yellow]Fix:[/] {Markup.Escape(e.Fix)}");
            return DataError;
        }
        catch (StorageException e)
        {
            Consoles.Err.MarkupLine($"[red]Storage problem:[/] {Markup.Escape(e.Message)}");
            return StorageError;
        }
        catch (Research.Baselines.BaselineException e)
        {
            Consoles.Err.MarkupLine($"[red]Baseline problem:[/] {Markup.Escape(e.Message)}");
            return StorageError;
        }
        catch (Research.Training.TrainingFailedException e)
        {
            Consoles.Err.MarkupLine($"[red]Run failed:[/] {Markup.Escape(e.Message)}");
            Consoles.Err.MarkupLine($"Runs that finished are cached; this one was not stored. Details (native and .NET stack traces): {Markup.Escape(FailureLog.Write(e))}");
            return TrainingError;
        }
        catch (QueueFailedException e)
        {
            Consoles.Err.MarkupLine($"[red]Run failed:[/] {Markup.Escape(e.Message)}");
            return TrainingError;
        }
        catch (Research.Cluster.ClusterException e)
        {
            Consoles.Err.MarkupLine($"[red]Cluster problem:[/] {Markup.Escape(e.Message)}");
            return ClusterError;
        }
        catch (UsageException e)
        {
            Consoles.Err.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return UsageError;
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException)
        {
            Consoles.Err.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return SpecError;
        }
        catch (OperationCanceledException)
        {
            Consoles.Err.MarkupLine("[yellow]Cancelled; finished runs are in the cache, the interrupted one was not stored.[/]");
            return Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Consoles.Err.MarkupLine($"[red]Could not read or write a file:[/] {Markup.Escape(e.Message)}");
            return StorageError;
        }
    }
}
