namespace Research.Diffs;

/// <summary>Where a committed record is read from: the working tree, or a commit through git (nothing checked out).</summary>
public interface IRecordTree
{
    /// <summary>How messages name a file of this tree: the path, or commit:path.</summary>
    string Name(string path);
    /// <summary>A file's text ('/'-separated path from the repository root); null when the tree has no such file.</summary>
    string? Read(string path);
    /// <summary>Every file under a folder, recursively, as '/'-separated paths from the repository root.</summary>
    IReadOnlyList<string> Files(string folder);
}
