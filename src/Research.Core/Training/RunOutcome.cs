namespace Research.Training;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>The convergence rule fired; training stopped there.</summary>
    Converged,
    /// <summary>Trained for max_epochs without meeting the convergence rule (or the experiment has none).</summary>
    MaxEpochs,
    /// <summary>The loss became NaN or infinite; training stopped at that epoch.</summary>
    Diverged,
}
