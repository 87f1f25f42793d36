namespace Research.Diffs;

/// <summary>A diff side names nothing a side can be (exit code 2): says what was given and what a side can be.</summary>
public sealed class DiffSideException(string side, string problem)
    : ArgumentException($"{problem}. {DiffSideException.WhatASideIs}")
{
    public const string WhatASideIs =
        "A side is a report folder holding results.json (reports/ci), a profile (ci, full: its committed record), " +
        "or a commit (HEAD~1, main, HEAD~1:full: the record committed there)";

    public string Side { get; } = side;
}
