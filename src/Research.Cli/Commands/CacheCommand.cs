using System.CommandLine;
using Research.Cli.Display;
using Research.Runs;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research cache merge</c>: several shards' run caches into this one.</summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var cache = new Command("cache", "Work with the run cache (see `research cache merge --help`).");
        var sources = new Argument<DirectoryInfo[]>("folder") { Description = "Run cache folders to merge in (a CI matrix's artifacts, say).", Arity = ArgumentArity.OneOrMore };
        var spec = CommonOptions.Spec();
        var merge = new Command("merge",
            """
            Copy the finished runs and analyses of other run cache folders into this one ($RESEARCH_CACHE, or
            .cache/runs). Only complete results are copied (their SHA-256 line checks), weights before results,
            each atomically, so an interrupted merge can simply be run again; results this cache already has are
            kept. Then `research report` reads them all.

            Example (a CI matrix of 4 shards, each uploading its cache as an artifact):
              research cache merge shard-0/runs shard-1/runs shard-2/runs shard-3/runs
            """) { sources, spec };
        merge.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var summary = CacheMerge.Merge(engine.Cache, parse.GetValue(sources)!.Select(d => d.FullName));
            AnsiConsole.MarkupLine($"Merged into {Markup.Escape(engine.Cache.Root)}: {Words.Count(summary.Copied, "result")} copied, {summary.Present} already here.");
            foreach (var d in summary.Differing)
                AnsiConsole.MarkupLine($"[yellow]kept this cache's {Markup.Escape(d)}[/]: the other copy's numbers differ (another CPU's rounding; both are valid results of the same settings)");
            foreach (var f in summary.Invalid)
                AnsiConsole.MarkupLine($"[yellow]skipped {Markup.Escape(f)}[/]: not a complete result (truncated or edited)");
            return 0;
        })));
        cache.Subcommands.Add(merge);
        return cache;
    }
}
