namespace Research.Baselines;

/// <summary>One value that differs from its baseline by more than its tolerance.</summary>
public sealed record BaselineDifference(string File, string Key, string Expected, string Actual, string Tolerance)
{
    public override string ToString() => $"{File}: {Key}: expected {Expected}, got {Actual} (tolerance {Tolerance})";
}
