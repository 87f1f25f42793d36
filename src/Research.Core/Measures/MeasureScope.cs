namespace Research.Measures;

/// <summary>Whether a measure has one value per run or one for the whole experiment.</summary>
public enum MeasureScope
{
    /// <summary>One value per run: read off the trained run, or added to it by an analysis.</summary>
    Run,
    /// <summary>One value for all runs of the experiment together (§2.1's PCA).</summary>
    Experiment,
}
