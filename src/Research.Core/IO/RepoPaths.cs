namespace Research.IO;

/// <summary>
/// Where things live: the repository root (the folder holding experiments.yaml, found upwards from the
/// working directory or the executable), its data, cache, baselines and reports folders.
/// </summary>
public sealed record RepoPaths(string Root, string? CacheRoot = null)
{
    public const string SpecFileName = "experiments.yaml";
    public const string DataVariable = "RESEARCH_DATA";
    public const string CacheVariable = "RESEARCH_CACHE";

    public string Spec => Path.Combine(Root, SpecFileName);
    /// <summary>MNIST's folder: $RESEARCH_DATA if set, else data/mnist.</summary>
    public string Mnist => Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } d ? d : Path.Combine(Root, "data", "mnist");
    /// <summary>The run cache: the given folder, else $RESEARCH_CACHE, else .cache/runs.</summary>
    public string Cache => CacheRoot
        ?? (Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } c ? c : Path.Combine(Root, ".cache", "runs"));
    /// <summary>Failure logs and the logs of reproduce's queue workers: .cache/logs.</summary>
    public string Logs => Path.Combine(Root, ".cache", "logs");
    public string Baselines => Path.Combine(Root, "baselines");
    public string Reports => Path.Combine(Root, "reports");

    public static RepoPaths Discover()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SpecFileName)))
                    return new RepoPaths(dir.FullName);
        throw new FileNotFoundException($"{SpecFileName} not found in {Directory.GetCurrentDirectory()} or any parent folder; run from the repository (or pass --spec)");
    }
}
