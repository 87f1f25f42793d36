using Research.Figures;
using Research.Specs;
using static System.FormattableString;

namespace Research.Baselines;

/// <summary>
/// Verify's cycle for one profile's baselines: compare an experiment's snapshot (with the tolerances of
/// experiments.yaml) and its drawn figures (by pixels, on the machine that accepted them) with the
/// committed <c>*.verified.*</c> files; on a mismatch write <c>*.received.*</c> beside them; when
/// accepting, move the received files over the verified ones. Tests only call it.
/// </summary>
/// <param name="store">The profile's baselines folder.</param>
/// <param name="rules">The tolerances (experiments.yaml's baselines:).</param>
/// <param name="images">How figures are drawn and compared.</param>
/// <param name="root">The repository root, for the paths the messages name.</param>
public sealed class BaselineCheck(BaselineStore store, BaselineSpec rules, IFigureImages images, string root)
{
    /// <summary>The variable that makes the baseline tests accept (./build.sh accept sets it; CI never does).</summary>
    public const string AcceptVariable = "RESEARCH_ACCEPT";

    public static bool AcceptRequested => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    /// <param name="snapshot">The experiment's snapshot on this machine.</param>
    /// <param name="figures">Its figures.</param>
    /// <param name="accept">Write the new values over the verified files.</param>
    public BaselineReport Check(Snapshot snapshot, IReadOnlyList<Figure> figures, bool accept)
    {
        var id = snapshot.Experiment;
        var differences = new List<string>();
        var expected = store.ReadSnapshot(id);
        if (expected is null) differences.Add($"{Relative(store.PathOf(BaselineStore.Verified(id, "json")))}: no baseline yet");
        else differences.AddRange(SnapshotComparer.Compare(expected, snapshot, rules).Select(d => $"{Relative(store.Folder)}/{d}"));
        if (accept || differences.Count > 0) store.WriteSnapshot(snapshot, accept);
        if (accept || differences.Count == 0) store.ClearReceived(id, "json");

        // Pixels are pinned on the machine that accepted them; elsewhere a figure is checked through its series.
        var samePixels = expected is null || SnapshotComparer.SameMachine(expected, snapshot);
        foreach (var figure in figures)
            if (CheckFigure(figure, samePixels || accept, accept) is { } difference) differences.Add(difference);
        return new BaselineReport(id, Relative(store.Folder), differences, accept);
    }

    /// <returns>The difference, or null when the figure matches (or is not compared by pixels here).</returns>
    string? CheckFigure(Figure figure, bool comparePixels, bool accept)
    {
        var name = Path.GetFileNameWithoutExtension(figure.FileName);
        var verified = store.PathOf(BaselineStore.Verified(name, images.Extension));
        var received = store.PathOf(BaselineStore.Received(name, images.Extension));
        images.Save(figure, received);
        var exists = File.Exists(verified);
        if (exists && !images.IsImage(verified)) throw new BaselineException(verified, $"is not a readable {images.Extension.ToUpperInvariant()}");
        var fraction = !exists ? 1 : comparePixels ? images.DifferingFraction(verified, received, rules.ChannelTolerance) : 0;
        var matches = fraction <= rules.MaxPixelFraction;
        if (accept) File.Move(received, verified, overwrite: true);
        else if (matches) File.Delete(received);
        if (matches) return null;
        return exists
            ? Invariant($"{Relative(verified)}: {fraction:P2} of pixels differ (tolerance {rules.MaxPixelFraction:P2}); see {Path.GetFileName(received)}")
            : $"{Relative(verified)}: no baseline yet";
    }

    /// <summary>Verified files no check of <paramref name="experiments"/> reads: a dangling snapshot fails, as in Verify.</summary>
    public IReadOnlyList<string> Unused(ResearchSpec spec, IEnumerable<string> experiments, Profile profile, Variant variant = Variant.AsWritten)
    {
        var used = new HashSet<string>();
        foreach (var id in experiments)
        {
            used.Add(BaselineStore.Verified(id, "json"));
            foreach (var f in spec.Experiment(id, profile, variant).Figures)
                used.Add(BaselineStore.Verified(Path.GetFileNameWithoutExtension(Figure.FileNameOf(f.Number)), images.Extension));
        }
        return store.VerifiedFiles().Where(f => !used.Contains(f)).ToList();
    }

    /// <summary>Experiments with baselines: those the claims read, plus any that draw figures.</summary>
    public static IReadOnlyList<string> Checked(ResearchSpec spec) =>
        spec.Experiments.Keys.Where(id => spec.Claims.Values.Any(c => c.Experiment == id) || spec.Experiments[id][Profile.Full].Figures.Count > 0).ToList();

    string Relative(string path) => Path.GetRelativePath(root, path);
}
