using Research.Baselines;
using Research.Diffs;
using Research.Specs;
using Research.Torch;

namespace Research.Reporting.Diffs;

/// <summary>
/// A report's <see cref="ReproductionRecord"/> (results.json): each claim's measured and recorded verdict
/// under every setting its experiment runs, with the reproduced values, and each experiment's snapshot per
/// setting, built by the baselines' own <see cref="SnapshotBuilder"/> (so series are thinned exactly as
/// baselines/ pins them), plus provenance.
/// </summary>
public static class ResultsRecord
{
    public static ReproductionRecord From(ReportData data) => new()
    {
        Source = data.Source,
        Profile = data.Profile.ToString().ToLowerInvariant(),
        Commit = data.GitCommit,
        SpecSha256 = data.Spec.Sha256,
        Machine = Numerics.Machine,
        Fingerprint = Numerics.Fingerprint,
        Measured = true,
        Claims = data.Claims.Select(c => Claim(data, c.Claim)).ToList(),
        Experiments = data.Experiments.Concat(data.AlternativeExperiments)
            .GroupBy(o => o.Experiment.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, Snapshot>)g.ToDictionary(o => o.Experiment.Variant.Key(), o => o.Snapshot), StringComparer.Ordinal),
        Figures = data.Figures.ToDictionary(f => f.Number, f => new FigureAxes
            { Title = f.Title, XLabel = f.XLabel, YLabel = f.YLabel, LogX = f.LogX, LogY = f.LogY }),
    };

    static ClaimRecord Claim(ReportData data, ClaimSpec claim) =>
        ClaimRecord.Of(claim, data.Spec.Experiments[claim.Experiment].Runnable
            .Select(v => (v, Result: data.Judged(claim.Id, v)))
            .Where(j => j.Result is not null)
            .ToDictionary(j => j.v.Key(), j => new VerdictRecord
            {
                Verdict = j.Result!.Verdict,
                Recorded = j.Result.Expected,
                Pending = j.Result.Expected is null ? claim.Expectation(j.v).Pending ?? "not recorded" : null,
                VariesByCpu = CommittedRecord.VariesByCpu(claim, j.v),
                Message = j.Result.Message,
                Statistic = j.Result.Statistic,
                Values = j.Result.Values,
            }));
}
