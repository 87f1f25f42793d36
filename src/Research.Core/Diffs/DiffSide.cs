namespace Research.Diffs;

/// <summary>One side of a diff: what the user named, what it was read from, and the record.</summary>
/// <param name="Name">As given on the command line (reports/ci, ci, HEAD~1:full).</param>
/// <param name="Description">What was read, in words ("committed record of ci in the working tree").</param>
/// <param name="Record">The reproduction.</param>
public sealed record DiffSide(string Name, string Description, ReproductionRecord Record);
