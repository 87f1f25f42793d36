namespace Research.Diffs;

/// <summary>The repository as it is on disk: a profile side's committed record, uncommitted edits included.</summary>
public sealed class WorkingTree(string root) : IRecordTree
{
    public string Name(string path) => path;

    public string? Read(string path)
    {
        var full = Path.Combine(root, path);
        if (!File.Exists(full)) return null;
        try { return File.ReadAllText(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordException(path, $"cannot be read ({e.Message})", "check its permissions");
        }
    }

    public IReadOnlyList<string> Files(string folder)
    {
        var full = Path.Combine(root, folder);
        return Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
