namespace Research.Baselines;

/// <summary>A baseline file that cannot be read: names it and the fix.</summary>
public sealed class BaselineException(string file, string problem)
    : Exception($"{file}: {problem}. Restore it from git (git checkout -- {file}) or regenerate it with ./build.sh accept.")
{
    public string File { get; } = file;
}
