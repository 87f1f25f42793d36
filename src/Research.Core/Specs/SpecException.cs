namespace Research.Specs;

/// <summary>A spec that cannot be used; carries every error found, not just the first.</summary>
public sealed class SpecException(IReadOnlyList<SpecError> errors)
    : Exception(Format(errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;

    static string Format(IReadOnlyList<SpecError> errors) =>
        $"{errors.Count} error{(errors.Count == 1 ? "" : "s")} in the spec:" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
