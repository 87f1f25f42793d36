using Research.Reporting.Document;
using Research.Specs;
using static Research.Reporting.ReportFormat;
using Research.Outcomes;

namespace Research.Reporting.Sections;

/// <summary>An experiment's resolved spec: where the profile differs from the report's settings, and the whole spec as JSON.</summary>
internal static class ResolvedSpec
{
    /// <summary>
    /// Where this profile's resolved spec differs from the full one (the report's settings), setting by
    /// setting, so a reader of the ci report sees what was cut; null for the full profile or no difference.
    /// </summary>
    public static Line? Overrides(ReportData data, ExperimentSpec e)
    {
        if (data.Profile == Specs.Profile.Full) return null;
        var mine = SpecJson.Flatten(e);
        var full = SpecJson.Flatten(data.Spec.Experiment(e.Id, Specs.Profile.Full));
        var changed = mine.Keys.Concat(full.Keys.Where(k => !mine.ContainsKey(k))).Where(k => k != "profile")
            .Where(k => mine.GetValueOrDefault(k) != full.GetValueOrDefault(k)).ToList();
        if (changed.Count == 0) return null;
        var line = new Line().Bold($"On the {Profile(data.Profile)} profile").Text(" these settings differ from the report's (the full profile): ");
        for (int i = 0; i < changed.Count; i++)
        {
            var key = changed[i];
            if (i > 0) line.Text("; ");
            line.Code(key).Text($" {mine.GetValueOrDefault(key) ?? Unset(key)} instead of {full.GetValueOrDefault(key) ?? Unset(key)}");
        }
        return line.Text(".");
    }

    /// <summary>An absent sample count means every image.</summary>
    static string Unset(string key) => key.EndsWith("_samples", StringComparison.Ordinal) ? "all" : "not set";

    public static Details Details(ReportData data, ExperimentOutcome report)
    {
        var e = report.Experiment;
        var profile = Profile(data.Profile);
        var parts = new List<(string, string, string)>
        {
            ($"experiments.{e.Id}, resolved for the {profile} profile (defaults, the experiment, its profile overrides):", "json", SpecJson.Serialize(e)),
        };
        if (e.Analysis is { } analysis)
            parts.Add(("analysis (after training; outside the run key, its results cached beside the runs):", "json", SpecJson.Serialize(analysis)));
        parts.Add(($"datasets.{report.Dataset.Id}:", "json", SpecJson.Serialize(report.Dataset)));
        return new Details($"Resolved spec of {e.Id} ({profile} profile), as JSON", parts);
    }
}
