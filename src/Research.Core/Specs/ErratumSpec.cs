namespace Research.Specs;

/// <summary>
/// A place where the report's own code contradicts the report's text, or where a defect of the code bears
/// on a claim: what the text states, what the code did and where, and what it changes for the claims.
/// </summary>
public sealed record ErratumSpec
{
    /// <summary>The report's section, e.g. "1.2".</summary>
    public required string Section { get; init; }
    /// <summary>What the report's text states (or, for a defect, what it takes for granted).</summary>
    public required string Text { get; init; }
    /// <summary>What the code did.</summary>
    public required string Code { get; init; }
    /// <summary>The file and cell (or line) of the report's repository that shows it.</summary>
    public required string Where { get; init; }
    /// <summary>What it changes for the claims, measured where the harness can run it, or why it cannot yet.</summary>
    public required string Bears { get; init; }
    /// <summary>The claims of experiments.yaml it bears on (ids).</summary>
    public IReadOnlyList<string> Claims { get; init; } = [];
}
