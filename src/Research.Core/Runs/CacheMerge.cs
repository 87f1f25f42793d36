using Research.IO;

namespace Research.Runs;

/// <summary>What <see cref="CacheMerge.Merge"/> did.</summary>
/// <param name="Copied">Results (runs and analyses) copied into the target.</param>
/// <param name="Present">Results the target already had (the same numbers; when and where they were trained may differ).</param>
/// <param name="Differing">Results the target already had with other numbers (kept: a run's key fixes its settings, so these differ in rounding: another CPU).</param>
/// <param name="Invalid">Files of a source that do not read as complete results (truncated, edited): not copied.</param>
public sealed record MergeSummary(int Copied, int Present, IReadOnlyList<string> Differing, IReadOnlyList<string> Invalid);

/// <summary>
/// <c>research cache merge</c> (issue 17): the run caches of several shards (a CI matrix's artifacts, say) into one. A result
/// is copied only when it reads as complete (its SHA-256 line matches), weights before the result, each atomically, so an
/// interrupted merge leaves no half result and can simply be run again.
/// </summary>
public static class CacheMerge
{
    public static MergeSummary Merge(RunCache target, IEnumerable<string> sources)
    {
        int copied = 0, present = 0;
        var differing = new List<string>();
        var invalid = new List<string>();
        foreach (var source in sources)
        {
            if (!Directory.Exists(source))
                throw new DirectoryNotFoundException($"{source}: no such cache folder to merge. Name the folders that hold the shards' runs (each has one folder per experiment).");
            if (Path.GetFullPath(source).TrimEnd('/') == Path.GetFullPath(target.Root).TrimEnd('/')) continue;
            foreach (var file in Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith('.')) continue;
                if (RunCache.TryReadJson<object>(file) is null)
                {
                    invalid.Add(file);
                    continue;
                }
                var destination = Path.Combine(target.Root, relative);
                var weights = Path.ChangeExtension(file, ".weights.bin");
                if (File.Exists(destination) && RunCache.TryReadJson<object>(destination) is not null)
                {
                    if (Result(destination) == Result(file)) present++;
                    else differing.Add(relative);
                    continue;
                }
                if (File.Exists(weights))
                    AtomicFile.Write(Path.ChangeExtension(destination, ".weights.bin"), File.ReadAllBytes(weights), RepoPaths.CacheVariable, target.Root);
                AtomicFile.Write(destination, File.ReadAllBytes(file), RepoPaths.CacheVariable, target.Root);
                copied++;
            }
        }
        return new MergeSummary(copied, present, differing, invalid);
    }

    /// <summary>A cached file's body without its provenance (when and where it was trained): what it says.</summary>
    static string Result(string path)
    {
        var body = File.ReadAllText(path);
        var node = System.Text.Json.Nodes.JsonNode.Parse(body[(body.IndexOf('\n') + 1)..]);
        if (node is System.Text.Json.Nodes.JsonObject o)
            foreach (var name in o.Select(p => p.Key).Where(k => k.Equals("provenance", StringComparison.OrdinalIgnoreCase)).ToList()) o.Remove(name);
        return node?.ToJsonString() ?? "";
    }
}
