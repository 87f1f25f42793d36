namespace Research.Baselines;

/// <summary>What one experiment's baseline check found, and whether it accepted the new values.</summary>
/// <param name="Experiment">The experiment's id.</param>
/// <param name="Folder">The baselines folder, relative to the repository (baselines/ci).</param>
/// <param name="Differences">Every value or figure outside its tolerance, one line each, naming the file.</param>
/// <param name="Accepted">The new values were written over the verified files.</param>
public sealed record BaselineReport(string Experiment, string Folder, IReadOnlyList<string> Differences, bool Accepted)
{
    public bool Passed => Accepted || Differences.Count == 0;

    /// <summary>The failure message: every difference, and how to accept an intended change.</summary>
    public string Failure =>
        $"{IO.Counts.Of(Differences.Count, "difference")} between the {Experiment} results and {Folder}/ (tolerances from experiments.yaml):" +
        Lines + Environment.NewLine +
        "If the change is intended, accept it with ./build.sh accept (or RESEARCH_ACCEPT=1 dotnet test) and commit the *.verified.* files.";

    /// <summary>What accepting changed.</summary>
    public string Summary => Differences.Count == 0
        ? $"{Experiment}: baselines unchanged"
        : $"{Experiment}: accepted {IO.Counts.Of(Differences.Count, "change")}:" + Lines;

    string Lines => Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", Differences);
}
