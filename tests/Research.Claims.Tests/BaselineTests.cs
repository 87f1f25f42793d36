using Research.Analysis;
using FluentAssertions;
using Research.Baselines;
using Research.Figures;
using Research.Plotting;
using Research.Runs;
using Research.Specs;
using Research.IO;

namespace Research.Claims.Tests;

/// <summary>
/// Snapshot baselines with Verify's conventions, under baselines/&lt;profile&gt;/: each experiment the claims
/// read pins its per-run metrics and the series behind its figures (experiment.verified.json, compared
/// with the tolerances in experiments.yaml) and its figures (fig-NN.verified.png, compared by pixels).
/// A mismatch writes *.received.* and fails with every difference; RESEARCH_ACCEPT=1 (./build.sh accept)
/// accepts the new values instead and prints what changed. CI never sets it.
/// </summary>
public sealed class BaselineTests(ClaimSession session)
{
    public const string AcceptVariable = "RESEARCH_ACCEPT";
    static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    /// <summary>Experiments with baselines: those the claims read, plus any that draw figures.</summary>
    public static IReadOnlyList<string> Checked(ResearchSpec spec) =>
        spec.Experiments.Keys.Where(id => spec.Claims.Values.Any(c => c.Experiment == id) || spec.Experiments[id][Profile.Full].Figures.Count > 0).ToList();

    public static IEnumerable<TheoryDataRow<string>> Experiments()
    {
        var spec = SpecLoader.Load(RepoPaths.Discover().Spec);
        var profile = ClaimSession.CurrentProfile.ToString().ToLowerInvariant();
        foreach (var id in Checked(spec))
            yield return new TheoryDataRow<string>(id) { TestDisplayName = $"baseline §{spec.Experiments[id][Profile.Full].Section} {id} [{profile}]" };
    }

    BaselineStore Store => new(Path.Combine(session.Engine.Paths.Baselines, session.Profile.ToString().ToLowerInvariant()));

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Baseline(string id)
    {
        var engine = session.Engine;
        var e = engine.Spec.Experiment(id, session.Profile);
        var results = engine.Results(e, cancel: TestContext.Current.CancellationToken);
        var figures = FigureBuilder.Build(e, engine.Spec.DatasetOf(e), results);
        var dataset = engine.Spec.DatasetOf(e);
        var snapshot = SnapshotBuilder.Build(id, session.Profile.ToString().ToLowerInvariant(), results.Runs, figures, results.Scalars) with
        {
            Fingerprint = Research.Torch.Numerics.Fingerprint,
            Machine = Research.Torch.Numerics.Machine,
            RunKeys = results.Runs.ToDictionary(r => $"{r.Model}/seed{r.Seed}", r => RunKey.For(e, dataset, r.Model, r.Seed, withNumerics: false)),
        };
        var store = Store;
        var rules = engine.Spec.Baselines;

        string Rel(string path) => Path.GetRelativePath(engine.Paths.Root, path);
        var differences = new List<string>();
        var expected = store.ReadSnapshot(id);
        if (expected is null) differences.Add($"{Rel(store.PathOf(BaselineStore.Verified(id, "json")))}: no baseline yet");
        else differences.AddRange(SnapshotComparer.Compare(expected, snapshot, rules).Select(d => $"{Rel(store.Folder)}/{d}"));
        // Pixels are pinned on the machine that accepted them; elsewhere a figure is checked through its series.
        var samePixels = expected is null || SnapshotComparer.SameMachine(expected, snapshot);
        if (Accepting || differences.Count > 0) store.WriteSnapshot(snapshot, accept: Accepting);
        if (Accepting || differences.Count == 0) store.ClearReceived(id, "json");

        foreach (var figure in figures)
        {
            var name = Path.GetFileNameWithoutExtension(figure.FileName);
            var verified = store.PathOf(BaselineStore.Verified(name, "png"));
            var received = store.PathOf(BaselineStore.Received(name, "png"));
            FigureRenderer.SavePng(figure, received);
            if (File.Exists(verified) && !ImageDiff.IsImage(verified))
                throw new BaselineException(verified, "is not a readable PNG");
            var fraction = !File.Exists(verified) ? 1 : samePixels || Accepting ? ImageDiff.DifferingFraction(verified, received, rules.ChannelTolerance) : 0;
            if (fraction > rules.MaxPixelFraction)
                differences.Add(File.Exists(verified)
                    ? $"{Rel(verified)}: {fraction:P2} of pixels differ (tolerance {rules.MaxPixelFraction:P2}); see {Path.GetFileName(received)}"
                    : $"{Rel(verified)}: no baseline yet");
            if (Accepting) File.Move(received, verified, overwrite: true);
            else if (fraction <= rules.MaxPixelFraction) File.Delete(received);
        }

        if (Accepting)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(differences.Count == 0
                ? $"{id}: baselines unchanged"
                : $"{id}: accepted {differences.Count} change(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", differences));
            return;
        }
        if (differences.Count > 0)
            Assert.Fail(
                $"{differences.Count} difference(s) between the {id} results and baselines/{session.Profile.ToString().ToLowerInvariant()}/ " +
                $"(tolerances from experiments.yaml):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", differences) + Environment.NewLine +
                "If the change is intended, accept it with ./build.sh accept (or RESEARCH_ACCEPT=1 dotnet test) and commit the *.verified.* files.");
    }

    [Fact]
    public void NoBaselineIsUnused()
    {
        var spec = session.Engine.Spec;
        var used = new HashSet<string>();
        foreach (var id in Checked(spec))
        {
            used.Add(BaselineStore.Verified(id, "json"));
            foreach (var f in spec.Experiment(id, session.Profile).Figures)
                used.Add(BaselineStore.Verified($"fig-{f.Number:00}", "png"));
        }
        Store.VerifiedFiles().Where(f => !used.Contains(f)).Should().BeEmpty(
            $"every file in baselines/{session.Profile.ToString().ToLowerInvariant()}/ must be checked by a test; delete the unused ones");
    }
}
