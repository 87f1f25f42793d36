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
}
