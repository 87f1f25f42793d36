using Research.Specs.Yaml;

namespace Research.Specs;

/// <summary>One problem in a spec: where it is, which key, and what to do about it.</summary>
public sealed record SpecError(SourceMark Mark, string Path, string Message)
{
    public override string ToString() =>
        Path.Length == 0 ? $"{Mark} {Message}" : $"{Mark} {Path}: {Message}";
}
