using Research.Specs;

namespace Research.Diffs;

/// <summary>
/// Reads a diff side as the user names it, in this order: a folder (it must hold results.json), a profile
/// (its committed record in the working tree), <c>commit:profile</c>, or a commit (the profile of the other
/// side when that names one, else ci). Nothing is trained or checked out.
/// </summary>
public static class DiffSides
{
    /// <param name="side">As given.</param>
    /// <param name="root">The repository root (the working tree, and where git runs).</param>
    /// <param name="defaultProfile">The profile of a bare commit.</param>
    /// <exception cref="DiffSideException">It names no folder, profile or commit (usage error).</exception>
    /// <exception cref="RecordException">A file it needs is missing or unreadable.</exception>
    public static DiffSide Read(string side, string root, Profile defaultProfile = Profile.Ci)
    {
        if (side.Trim().Length == 0) throw new DiffSideException(side, "a diff side is empty");
        var folder = Path.GetFullPath(side, Directory.GetCurrentDirectory());
        if (Directory.Exists(folder))
        {
            var file = Path.Combine(folder, ResultsFile.FileName);
            if (!File.Exists(file))
                throw new RecordException(Path.Combine(side, ResultsFile.FileName), "does not exist",
                    "write it with `research report --out <folder>`, or name a profile (ci, full) for its committed record (reports/full predates results.json)");
            var record = ResultsFile.Read(file);
            return new DiffSide(side, $"report {side}, {record.Profile}, measured at {record.Commit ?? "an unknown commit"}", record);
        }
        if (ParseProfile(side) is { } profile)
            return new DiffSide(side, $"committed record of {side} (working tree)", CommittedRecord.Read(new WorkingTree(root), profile, Runs.GitInfo.Commit(root)));
        var (revision, profileName) = side.LastIndexOf(':') is var colon and > 0 ? (side[..colon], side[(colon + 1)..]) : (side, null);
        var named = profileName is null ? defaultProfile : ParseProfile(profileName)
            ?? throw new DiffSideException(side, $"'{side}': unknown profile '{profileName}' after the commit; profiles: ci, full");
        var tree = GitTree.Open(root, revision)
                   ?? throw new DiffSideException(side, $"'{side}' is not a folder, a profile or a commit of {root}");
        var read = CommittedRecord.Read(tree, named, tree.Commit[..12]);
        var what = read.Measured ? "its results.json" : "committed record";
        return new DiffSide(side, $"{what} of {named.ToString().ToLowerInvariant()} at {revision} ({tree.Commit[..12]})", read);
    }

    /// <summary>A side's own profile, if it names one (for the profile of a bare commit on the other side).</summary>
    public static Profile? ProfileNamed(string side) =>
        ParseProfile(side) ?? (side.LastIndexOf(':') is var colon and > 0 ? ParseProfile(side[(colon + 1)..]) : null);

    static Profile? ParseProfile(string name) => name switch { "ci" => Profile.Ci, "full" => Profile.Full, _ => null };
}
