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
        var command = new Command("list", "List the experiments in experiments.yaml with their models, parameter counts and budgets.") { spec };
        command.SetAction(parse => ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            if (AnsiConsole.Profile.Width < 120)
            {
                Narrow(engine.Spec);
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("experiment", "§", "model", "parameters", "optimizer", "epochs (ci / full)", "seeds (ci / full)");
            foreach (var (id, profiles) in engine.Spec.Experiments)
            {
                var full = profiles[Profile.Full];
                var ci = profiles[Profile.Ci];
                var input = DataShapes.Input(engine.Spec.DatasetOf(full));
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
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Run one with [bold]research run <experiment> --profile ci|full[/]; [bold]research run --help[/] for options.");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Under 120 columns the table would break words and numbers ("adam(lr=0 / .0012"): one heading per
    /// experiment with its budgets, then its models, each on one line.
    /// </summary>
    static void Narrow(ResearchSpec spec)
    {
        foreach (var (id, profiles) in spec.Experiments)
        {
            var full = profiles[Profile.Full];
            var ci = profiles[Profile.Ci];
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(id)}[/] §{full.Section} · epochs {ci.MaxEpochs:N0} / {full.MaxEpochs:N0} · seeds {ci.Seeds.Count} / {full.Seeds.Count} (ci / full)");
            var input = DataShapes.Input(spec.DatasetOf(full));
            var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn(new GridColumn().RightAligned().PadRight(2)).AddColumn();
            foreach (var (modelId, model) in full.Models)
                grid.AddRow(Markup.Escape(modelId), $"{ModelShapes.Infer(input, model.Layers).Parameters:N0} params", Markup.Escape(model.Optimizer.ToString()));
            AnsiConsole.Write(grid);
        }
        AnsiConsole.MarkupLine("Run one with [bold]research run <experiment> --profile ci|full[/]; [bold]research run --help[/] for options.");
    }
}
