using Research.Baselines;
using Research.Specs;

namespace Research.Diffs;

/// <summary>
/// What changed between two reproductions: the claims whose verdict changed (per setting), the pinned
/// numbers that moved beyond their tolerance, and counts of what was within it, not comparable or on one
/// side only. Numbers are compared as the baselines compare them (<see cref="SnapshotComparer"/>): with
/// the strict tolerances of experiments.yaml when both sides' snapshots come from the same machine
/// (numerics fingerprint), else the portable ones; values not pinned across machines are counted, not compared (within, when they did not move at all).
/// </summary>
public sealed record ReproductionDiff
{
    public required string A { get; init; }
    public required string B { get; init; }
    public required string ADescription { get; init; }
    public required string BDescription { get; init; }
    public required IReadOnlyList<VerdictChange> Verdicts { get; init; }
    public required IReadOnlyList<NumberChange> Numbers { get; init; }
    /// <summary>Values compared and found within their tolerance (metrics, and series counted once each).</summary>
    public int Within { get; init; }
    public required DiffKeys Keys { get; init; }

    public int Flips => Verdicts.Count(v => v.IsFlip);

    /// <param name="a">The first side.</param>
    /// <param name="b">The second side.</param>
    /// <param name="rules">The tolerances (experiments.yaml's baselines: of the working tree).</param>
    public static ReproductionDiff Compare(DiffSide a, DiffSide b, BaselineSpec rules)
    {
        var numbers = new List<NumberChange>();
        List<string> onlyA = [], onlyB = [], notPinned = [], otherLength = [], runKeys = [];
        int within = 0;
        var empty = new Dictionary<string, Snapshot>();
        foreach (var experiment in Union(a.Record.Experiments.Keys, b.Record.Experiments.Keys))
        {
            var sa = a.Record.Experiments.GetValueOrDefault(experiment) ?? empty;
            var sb = b.Record.Experiments.GetValueOrDefault(experiment) ?? empty;
            foreach (var setting in Union(sa.Keys, sb.Keys))
            {
                var x = sa.GetValueOrDefault(setting);
                var y = sb.GetValueOrDefault(setting);
                var prefix = $"{experiment}/{setting}/";
                if (x is null || y is null)
                {
                    var only = x is null ? onlyB : onlyA;
                    var s = (x ?? y)!;
                    only.AddRange(s.Metrics.Keys.Concat(s.Series.Keys).Select(k => prefix + k));
                    continue;
                }
                var strict = SnapshotComparer.SameMachine(x, y);
                foreach (var key in Union(x.Metrics.Keys, y.Metrics.Keys))
                {
                    bool hasA = x.Metrics.TryGetValue(key, out var va), hasB = y.Metrics.TryGetValue(key, out var vb);
                    if (!hasA || !hasB) { (hasA ? onlyA : onlyB).Add(prefix + key); continue; }
                    var tolerance = SnapshotComparer.ToleranceOf(experiment, key, rules, strict, x.Profile);
                    // An unpinned value that did not move at all is as good as compared: only one that moved is "not pinned".
                    if (tolerance.Unpinned && va.Equals(vb)) within++;
                    else if (tolerance.Unpinned) notPinned.Add(prefix + key);
                    else if (tolerance.Accepts(va, vb)) within++;
                    else numbers.Add(new(experiment, setting, key, va, vb, tolerance.ToString()));
                }
                var series = SnapshotComparer.ToleranceOf(experiment, "series", rules, strict, x.Profile);
                foreach (var key in Union(x.Series.Keys, y.Series.Keys))
                {
                    bool hasA = x.Series.TryGetValue(key, out var va), hasB = y.Series.TryGetValue(key, out var vb);
                    if (!hasA || !hasB) { (hasA ? onlyA : onlyB).Add(prefix + key); continue; }
                    if (series.Unpinned) { if (va!.AsSpan().SequenceEqual(vb)) within++; else notPinned.Add(prefix + key); continue; }
                    if (va!.Length != vb!.Length) { otherLength.Add(prefix + key); continue; }
                    var worst = Enumerable.Range(0, va.Length).Where(i => !series.Accepts(va[i], vb[i]))
                        .OrderByDescending(i => Math.Abs(vb[i] - va[i]) / Math.Max(Math.Abs(va[i]), double.Epsilon)).Take(1).ToList();
                    if (worst.Count == 0) within++;
                    else numbers.Add(new(experiment, setting, $"{key}[{worst[0]}]", va[worst[0]], vb[worst[0]], series.ToString()));
                }
                foreach (var run in Union(x.RunKeys?.Keys ?? [], y.RunKeys?.Keys ?? []))
                    if (x.RunKeys?.GetValueOrDefault(run) is { } ka && y.RunKeys?.GetValueOrDefault(run) is { } kb && ka != kb)
                        runKeys.Add(prefix + run);
            }
        }
        var (verdicts, claimsOnlyA, claimsOnlyB) = CompareVerdicts(a.Record, b.Record);
        return new ReproductionDiff
        {
            A = a.Name, B = b.Name, ADescription = a.Description, BDescription = b.Description,
            Verdicts = verdicts, Numbers = numbers, Within = within,
            Keys = new DiffKeys
            {
                OnlyInA = onlyA, OnlyInB = onlyB, NotPinned = notPinned, OtherLength = otherLength, RunKeys = runKeys,
                ClaimsOnlyInA = claimsOnlyA, ClaimsOnlyInB = claimsOnlyB,
            },
        };
    }

    static (List<VerdictChange>, List<string>, List<string>) CompareVerdicts(ReproductionRecord a, ReproductionRecord b)
    {
        var changes = new List<VerdictChange>();
        List<string> onlyA = [], onlyB = [];
        var inB = b.Claims.ToDictionary(c => c.Id);
        foreach (var claim in a.Claims)
        {
            var other = inB.GetValueOrDefault(claim.Id);
            foreach (var (setting, verdict) in claim.Verdicts)
            {
                if (other?.Verdicts.GetValueOrDefault(setting) is not { } theirs) { onlyA.Add($"{claim.Id}/{setting}"); continue; }
                if (verdict.Effective != theirs.Effective)
                    changes.Add(new(claim.Id, claim.Section, setting, verdict.Effective, theirs.Effective, ByCpu(verdict, theirs)));
            }
            foreach (var setting in other?.Verdicts.Keys.Except(claim.Verdicts.Keys) ?? []) onlyB.Add($"{claim.Id}/{setting}");
        }
        var inA = a.Claims.Select(c => c.Id).ToHashSet();
        onlyB.AddRange(b.Claims.Where(c => !inA.Contains(c.Id)).SelectMany(c => c.Verdicts.Keys.Select(s => $"{c.Id}/{s}")));
        // Flips first, then verdicts that vary between CPUs, then changes to or from pending; each in the order side a lists its claims.
        return ([.. changes.OrderBy(c => c.IsFlip ? 0 : c.VariesByCpu ? 1 : 2)], onlyA, onlyB);
    }

    /// <summary>
    /// A change the CPU explains, as <see cref="Research.Claims.ClaimResult.DecidedByCpu"/> reads it: a side records the
    /// verdict as decided by the CPU, both verdicts are decided (holds or deviates: an inconclusive one is a change), and
    /// at least one side was measured (two committed records differ only by an edit, which is a flip).
    /// </summary>
    static bool ByCpu(VerdictRecord a, VerdictRecord b) =>
        (a.VariesByCpu == true || b.VariesByCpu == true) && Specs.Verdicts.BothDecided(a.Effective, b.Effective)
        && (a.Verdict is not null || b.Verdict is not null);

    static IEnumerable<string> Union(IEnumerable<string> a, IEnumerable<string> b) => a.Union(b).Order(StringComparer.Ordinal);
}
