using Research.Specs;

namespace Research.Diffs;

/// <summary>A claim whose verdict under one setting differs between the two sides (null: pending there).</summary>
/// <param name="Claim">The claim's id.</param>
/// <param name="Section">Its section of the report.</param>
/// <param name="Setting">as_written, as_run or harness.</param>
/// <param name="A">Side a's verdict (null: pending).</param>
/// <param name="B">Side b's verdict (null: pending).</param>
/// <param name="VariesByCpu">A side records this verdict as decided by the CPU's kernels (varies_by_cpu): listed, not a flip.</param>
public sealed record VerdictChange(string Claim, string Section, string Setting, Verdict? A, Verdict? B, bool VariesByCpu = false)
{
    /// <summary>Both sides have a verdict and they differ; a change from or to pending, or of a verdict recorded as varying between CPUs, is listed, not counted as a flip.</summary>
    public bool IsFlip => A is not null && B is not null && !VariesByCpu;
}
