using System.CommandLine;
using Research.Plotting;
using Spectre.Console;
using Research.Outcomes;

namespace Research.Cli.Commands;

/// <summary><c>research figures</c>: draw the report's figures of one or all experiments to PNG.</summary>
internal static class FiguresCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var profile = CommonOptions.ProfileOption();
        var experiment = new Argument<string?>("experiment") { Description = "Experiment id (default: every experiment with figures).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder for fig-NN.png (default: reports/<profile>/figures)." };
        var command = new Command("figures",
            """
            Draw the report's figures (numbered as in the report) from the runs of the chosen profile, training
            whatever is not cached yet. Writes fig-NN.png, 1000×620.
            """) { experiment, spec, profile, output };
        command.SetAction((parse, cancel) => Task.FromResult(ErrorHandling.Guard(() =>
        {
            var engine = CommonOptions.CreateEngine(parse.GetValue(spec), []);
            var p = parse.GetValue(profile);
            var folder = parse.GetValue(output)?.FullName ?? Path.Combine(engine.Paths.Reports, p.ToString().ToLowerInvariant(), "figures");
            var ids = parse.GetValue(experiment) is { } one ? [one] : engine.Spec.Experiments.Keys.ToArray();
            var reproduction = new Reproduction(engine);
            foreach (var id in ids)
            {
                if (engine.Spec.Experiment(id, p).Figures.Count == 0) continue;
                foreach (var figure in reproduction.Outcome(id, p, Specs.Variant.AsWritten, new Display.LiveProgress(null), cancel).Figures)
                {
                    var path = Path.Combine(folder, figure.FileName);
                    FigureRenderer.SavePng(figure, path);
                    AnsiConsole.MarkupLine($"Fig. {figure.Number} [grey]({Markup.Escape(figure.Caption)})[/] → {Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), path))}");
                }
            }
            return 0;
        })));
        return command;
    }
}
