namespace Research.Specs.Yaml;

/// <summary>Where a node starts in its source file (1-based).</summary>
public readonly record struct SourceMark(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// A YAML node that remembers where it came from. The spec binder works on these rather than on
/// YamlDotNet's object model so that every error can name file, line, column and key path, and so
/// that profile overrides keep the position of the line that set them.
/// </summary>
public abstract record YamlNode(SourceMark Mark);

public sealed record YamlScalar(SourceMark Mark, string Value, bool IsPlain) : YamlNode(Mark)
{
    /// <summary>A plain <c>~</c>, <c>null</c> or empty scalar.</summary>
    public bool IsNull => IsPlain && (Value is "" or "~" or "null" or "Null" or "NULL");
}

public sealed record YamlSequence(SourceMark Mark, IReadOnlyList<YamlNode> Items) : YamlNode(Mark);

public sealed record YamlMapping(SourceMark Mark, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Mark)
{
    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public YamlMapping Without(string key) => this with { Entries = Entries.Where(e => e.Key.Value != key).ToList() };
}
