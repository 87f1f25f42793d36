using System.CommandLine;
using Research.Models;
using Research.Specs;
using Spectre.Console;
using Profile = Research.Specs.Profile;

namespace Research.Cli.Commands;

/// <summary><c>research list</c>: the experiments of the spec, their models and budgets per profile.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var json = JsonOutput.Option("each experiment with its budgets per profile and its models (id, label, parameters, optimizer)");
        var command = new Command("list", "List the experiments in experiments.yaml with their models, parameter counts and budgets.") { spec, json };
        command.SetAction(parse => ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var target = parse.GetValue(json);
            var console = JsonOutput.TableConsole(target);
            if (console.Profile.Width < 120) Narrow(engine.Spec, console);
            else Wide(engine.Spec, console);
            JsonOutput.Write(target, Json(engine.Spec));
            return 0;
        }));
        return command;
    }

    /// <summary>The list as data: what <c>--json</c> writes.</summary>
    static object Json(ResearchSpec spec) => spec.Experiments.Select(pair =>
    {
        var (full, ci) = (pair.Value[Profile.Full], pair.Value[Profile.Ci]);
        var input = DataShapes.Input(spec.DatasetOf(full));
        return new
        {
            experiment = pair.Key, section = full.Section, title = full.Title,
            epochs = new { ci = ci.MaxEpochs, full = full.MaxEpochs },
            seeds = new { ci = ci.Seeds.Count, full = full.Seeds.Count },
            models = full.Models.Select(m => new
            {
                id = m.Key, label = m.Value.Label, parameters = ModelShapes.Infer(input, m.Value.Layers).Parameters,
                optimizer = m.Value.Optimizer.ToString(),
            }),
        };
    }).ToList();

    static void Wide(ResearchSpec spec, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("experiment", "§", "model", "parameters", "optimizer", "epochs (ci / full)", "seeds (ci / full)");
        foreach (var (id, profiles) in spec.Experiments)
        {
            var full = profiles[Profile.Full];
            var ci = profiles[Profile.Ci];
            var input = DataShapes.Input(spec.DatasetOf(full));
            foreach (var (modelId, model) in full.Models)
            {
                var count = ModelShapes.Infer(input, model.Layers).Parameters;
                table.AddRow(
                    modelId == full.Models.Keys.First() ? Markup.Escape(id) : "",
                    modelId == full.Models.Keys.First() ? full.Section : "",
                    Markup.Escape($"{modelId}: {model.Label}"),
                    $"{count:N0}",
                    Markup.Escape(model.Optimizer.ToString()),
                    $"{ci.MaxEpochs:N0} / {full.MaxEpochs:N0}",
                    $"{ci.Seeds.Count} / {full.Seeds.Count}");
            }
        }
        console.Write(table);
        console.MarkupLine("Run one with [bold]research run <experiment> --profile ci|full[/]; [bold]research run --help[/] for options.");
    }

    /// <summary>
    /// Under 120 columns the table would break words and numbers ("adam(lr=0 / .0012"): one heading per
    /// experiment with its budgets, then its models, each on one line.
    /// </summary>
    static void Narrow(ResearchSpec spec, IAnsiConsole console)
    {
        foreach (var (id, profiles) in spec.Experiments)
        {
            var full = profiles[Profile.Full];
            var ci = profiles[Profile.Ci];
            console.MarkupLine($"[bold]{Markup.Escape(id)}[/] §{full.Section} · epochs {ci.MaxEpochs:N0} / {full.MaxEpochs:N0} · seeds {ci.Seeds.Count} / {full.Seeds.Count} (ci / full)");
            var input = DataShapes.Input(spec.DatasetOf(full));
            var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn(new GridColumn().RightAligned().PadRight(2)).AddColumn();
            foreach (var (modelId, model) in full.Models)
                grid.AddRow(Markup.Escape(modelId), $"{ModelShapes.Infer(input, model.Layers).Parameters:N0} params", Markup.Escape(model.Optimizer.ToString()));
            console.Write(grid);
        }
        console.MarkupLine("Run one with [bold]research run <experiment> --profile ci|full[/]; [bold]research run --help[/] for options.");
    }
}
