using System.CommandLine;
using Research.Runs;
using Research.Specs;

namespace Research.Cli.Commands;

/// <summary>
/// The runs a verb acts on: an experiment, a profile and variant, and optionally some of its models and
/// seeds (<c>research run</c> and <c>research baseline</c> share it).
/// </summary>
internal sealed class RunSelection
{
    readonly Argument<string> _experiment = new("experiment") { Description = "Experiment id from experiments.yaml (see `research list`)." };
    readonly Option<FileInfo?> _spec = CommonOptions.Spec();
    readonly Option<Profile> _profile = CommonOptions.ProfileOption();
    readonly Option<string> _variant = CommonOptions.VariantOption();
    readonly Option<int[]> _seeds = new("--seed", "-s") { Description = "Only these seeds (repeatable); default: the profile's seeds." };
    readonly Option<string[]> _models = new("--model", "-m") { Description = "Only these models (repeatable); default: all of the experiment's models." };
    readonly Option<string[]> _set = CommonOptions.Set();

    public void AddTo(Command command)
    {
        command.Arguments.Add(_experiment);
        foreach (var option in new Option[] { _spec, _profile, _variant, _seeds, _models, _set }) command.Options.Add(option);
    }

    /// <summary>The engine, the experiment's spec for the chosen profile and variant, and the runs chosen; clear errors for unknown models.</summary>
    public (Engine Engine, ExperimentSpec Experiment, string[] Models, int[] Seeds) Resolve(ParseResult parse)
    {
        var id = parse.GetValue(_experiment)!;
        var engine = CommonOptions.CreateEngine(parse.GetValue(_spec), CommonOptions.ForExperiment(id, parse.GetValue(_set) ?? []));
        var e = engine.Spec.Experiment(id, parse.GetValue(_profile), CommonOptions.ParseVariant(parse.GetValue(_variant)));
        if (e.Unavailable is { } why) throw new ArgumentException($"{e.Id} cannot be run {e.Variant.Words()}: {why}");
        var seeds = parse.GetValue(_seeds) is { Length: > 0 } s ? s : e.Seeds.ToArray();
        var models = parse.GetValue(_models) is { Length: > 0 } m ? m : e.Models.Keys.ToArray();
        foreach (var model in models)
            if (!e.Models.ContainsKey(model))
                throw new UsageException($"experiment {e.Id} has no model '{model}'; models: {string.Join(", ", e.Models.Keys)}");
        return (engine, e, models, seeds);
    }
}
