namespace Research.Data;

/// <summary>Data that is missing, truncated or not what it should be: names the file and the fix.</summary>
public sealed class DataException(string file, string problem, string fix)
    : Exception($"{file}: {problem}. {fix}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
    public string Fix { get; } = fix;
}
