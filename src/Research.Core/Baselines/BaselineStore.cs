using System.Text.Json;
using Research.Runs;
using Research.IO;

namespace Research.Baselines;

/// <summary>
/// The baseline files of one profile, with Verify's conventions: committed <c>*.verified.*</c>, and
/// <c>*.received.*</c> written beside them on a mismatch (git-ignored). Accepting moves received over
/// verified. Writes go through a temporary file and a rename.
/// </summary>
public sealed class BaselineStore(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>baselines/&lt;profile&gt;/&lt;variant&gt;: one folder of snapshots and figures per profile and variant (as_written, as_run, harness).</summary>
    public static string FolderOf(string baselines, Specs.Profile profile, Specs.Variant variant) =>
        Path.Combine(baselines, profile.ToString().ToLowerInvariant(), Specs.Variants.Key(variant));

    public static string Verified(string name, string extension) => $"{name}.verified.{extension}";
    public static string Received(string name, string extension) => $"{name}.received.{extension}";

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    public Snapshot? ReadSnapshot(string experiment)
    {
        var path = PathOf(Verified(experiment, "json"));
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path), Json.Options)
                   ?? throw new BaselineException(path, "is empty");
        }
        catch (JsonException e)
        {
            throw new BaselineException(path, $"is not a valid baseline ({e.Message})");
        }
    }

    public void WriteSnapshot(Snapshot snapshot, bool accept) =>
        Write(PathOf(accept ? Verified(snapshot.Experiment, "json") : Received(snapshot.Experiment, "json")),
            System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(snapshot, Json.Options) + "\n"));

    public void Write(string path, byte[] bytes) => AtomicFile.Write(path, bytes, "the baselines folder");

    /// <summary>Removes a stale received file once the check passes.</summary>
    public void ClearReceived(string name, string extension)
    {
        var path = PathOf(Received(name, extension));
        if (File.Exists(path)) File.Delete(path);
    }

    public IEnumerable<string> VerifiedFiles() =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.verified.*").Select(Path.GetFileName).OfType<string>() : [];
}
