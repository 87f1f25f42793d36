namespace Research.Specs;

/// <summary>
/// The three settings of an experiment (issue 22), declared once under its <c>variants</c> key:
/// the report as its text describes it, as its own code ran it, and as this harness would measure it.
/// The full profile's default is <see cref="AsWritten"/>; the others are declared alternatives.
/// </summary>
public enum Variant
{
    /// <summary>The text's settings; where the text is silent, the report's code's, unless that is a defect.</summary>
    AsWritten,
    /// <summary>The report's code's settings, including where they contradict the text, as far as TorchSharp expresses them.</summary>
    AsRun,
    /// <summary>The harness's better-founded definitions (input Jacobian, exact Hessian with a gradient-norm phase, several seeds).</summary>
    Harness,
}

public static class Variants
{
    public static readonly IReadOnlyList<Variant> All = Enum.GetValues<Variant>();

    /// <summary>The spelling in experiments.yaml and on the command line: as_written, as_run, harness.</summary>
    public static string Key(this Variant v) => SpecPath.SnakeCase(v.ToString());

    /// <summary>The words in the report: "as written", "as run", "harness".</summary>
    public static string Words(this Variant v) => v.Key().Replace('_', ' ');

    public static Variant? Parse(string key) => All.Cast<Variant?>().FirstOrDefault(v => v!.Value.Key() == key);
}
