using Research.Specs.Yaml;

namespace Research.Specs;

/// <summary>A mini-batch size, or <c>full</c>: the whole training set in one step per epoch.</summary>
public readonly record struct BatchSize(int? Size)
{
    public static BatchSize Full => new(null);
    public bool IsFull => Size is null;
    public int Resolve(int datasetSize) => Size is { } s ? Math.Min(s, datasetSize) : datasetSize;
    public override string ToString() => Size?.ToString() ?? "full";

    public static object? ReadYaml(YamlNode node, string path, SpecBinder binder)
    {
        if (binder.Scalar(node, path, "a batch size") is not { } s) return null;
        if (s.Value == "full") return Full;
        if (int.TryParse(s.Value, out var n) && n > 0) return new BatchSize(n);
        binder.Error(node, path, $"batch size must be a positive integer or 'full', got '{s.Value}'");
        return null;
    }
}
