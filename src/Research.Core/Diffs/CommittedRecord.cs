using System.Text.Json;
using Research.Baselines;
using Research.IO;
using Research.Specs;
using Research.Specs.Loading;

namespace Research.Diffs;

/// <summary>
/// A profile's committed record, read without training: the verdicts experiments.yaml records for it
/// (expect, expect_ci and each setting's own) and what its baselines pin under
/// baselines/&lt;profile&gt;/&lt;setting&gt;/*.verified.json. At a commit that holds
/// reports/&lt;profile&gt;/results.json, that measured record is read instead.
/// </summary>
public static class CommittedRecord
{
    const string VerifiedJson = ".verified.json";

    public static ReproductionRecord Read(IRecordTree tree, Profile profile, string? commit)
    {
        var name = profile.ToString().ToLowerInvariant();
        if (tree is GitTree && tree.Read($"reports/{name}/{ResultsFile.FileName}") is { } results)
            return ResultsFile.Parse(results, tree.Name($"reports/{name}/{ResultsFile.FileName}"));
        var spec = Spec(tree);
        var snapshots = Snapshots(tree, name);
        var machines = snapshots.Values.SelectMany(v => v.Values).Where(s => s.Machine is not null)
            .GroupBy(s => (s.Fingerprint, s.Machine)).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return new ReproductionRecord
        {
            Profile = name,
            Commit = commit,
            SpecSha256 = spec.Sha256,
            Machine = machines.Machine,
            Fingerprint = machines.Fingerprint,
            Claims = spec.Claims.Values.Select(c => Claim(spec, c, profile)).ToList(),
            Experiments = snapshots,
        };
    }

    static ResearchSpec Spec(IRecordTree tree)
    {
        var text = tree.Read(RepoPaths.SpecFileName)
                   ?? throw new RecordException(tree.Name(RepoPaths.SpecFileName), "does not exist", "a side must be a checkout or commit of this repository");
        try
        {
            return SpecLoader.Parse(text, tree.Name(RepoPaths.SpecFileName), sha256: Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
        }
        catch (SpecException e) when (tree is GitTree)
        {
            // An older experiments.yaml may use keys this version no longer reads: name it rather than its every line.
            throw new RecordException(tree.Name(RepoPaths.SpecFileName),
                $"does not load with this version of the harness ({e.Errors.Count} error(s), first: {e.Errors[0]})",
                "compare a newer commit, or that commit's report folder");
        }
    }

    static ClaimRecord Claim(ResearchSpec spec, ClaimSpec claim, Profile profile) =>
        ClaimRecord.Of(claim, spec.Experiments[claim.Experiment].Runnable.ToDictionary(v => v.Key(), v => new VerdictRecord
        {
            Recorded = claim.Expected(profile, v),
            Pending = claim.Expected(profile, v) is null ? claim.Expectation(v).Pending ?? "not recorded" : null,
            VariesByCpu = VariesByCpu(claim, v),
        }));

    /// <summary>Whether experiments.yaml records the verdict as decided by the CPU's kernels (on every profile, as the claim tests read it); null when not.</summary>
    public static bool? VariesByCpu(ClaimSpec claim, Variant v) =>
        claim.Expectation(v).VariesByCpu is not null ? true : null;

    /// <summary>Every baseline snapshot of the profile; one directly under baselines/&lt;profile&gt;/ (before the three settings) is as written.</summary>
    static IReadOnlyDictionary<string, IReadOnlyDictionary<string, Snapshot>> Snapshots(IRecordTree tree, string profile)
    {
        var folder = $"baselines/{profile}/";
        var found = new SortedDictionary<string, SortedDictionary<string, Snapshot>>(StringComparer.Ordinal);
        foreach (var path in tree.Files(folder).Where(p => p.EndsWith(VerifiedJson, StringComparison.Ordinal)))
        {
            var parts = path[folder.Length..].Split('/');
            var (setting, file) = parts.Length == 1 ? (Variant.AsWritten.Key(), parts[0]) : (parts[0], parts[^1]);
            var experiment = file[..^VerifiedJson.Length];
            var text = tree.Read(path) ?? throw new RecordException(tree.Name(path), "cannot be read", "check the repository");
            Snapshot snapshot;
            try
            {
                snapshot = JsonSerializer.Deserialize<Snapshot>(text, Json.Options) ?? throw new JsonException("empty");
            }
            catch (JsonException e)
            {
                throw new RecordException(tree.Name(path), $"is not a valid baseline ({e.Message})", "restore it from git or regenerate it with ./build.sh accept");
            }
            if (!found.TryGetValue(experiment, out var settings)) found[experiment] = settings = new(StringComparer.Ordinal);
            settings[setting] = snapshot;
        }
        return found.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, Snapshot>)e.Value, StringComparer.Ordinal);
    }
}
