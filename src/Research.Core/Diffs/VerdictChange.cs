using Research.Specs;

namespace Research.Diffs;

/// <summary>A claim whose verdict under one setting differs between the two sides (null: pending there).</summary>
public sealed record VerdictChange(string Claim, string Section, string Setting, Verdict? A, Verdict? B)
{
    /// <summary>Both sides have a verdict and they differ; a change from or to pending is listed, not counted as a flip.</summary>
    public bool IsFlip => A is not null && B is not null;
}
