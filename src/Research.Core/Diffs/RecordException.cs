namespace Research.Diffs;

/// <summary>A file a diff side needs is missing or unreadable (exit code 3): names it, the problem and the fix.</summary>
public sealed class RecordException(string file, string problem, string fix) : Exception($"{file}: {problem}; {fix}.")
{
    public string File { get; } = file;
}
