using System.Globalization;
using System.Text.Json.Serialization;
using Research.Specs.Yaml;

namespace Research.Specs;

/// <summary>
/// One layer of an architecture. In YAML a layer is a bare name (<c>relu</c>, <c>flatten</c>) or a
/// one-key mapping whose value is its argument(s): <c>dense: 10</c>, <c>dropout: 0.25</c>,
/// <c>conv2d: {out: 16, kernel: 4}</c>, <c>maxpool: {kernel: 2, stride: 2}</c>, <c>leaky_relu: {slope: 0.01}</c>.
/// Input sizes are inferred from the data set, so a dense layer names only its output width.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "layer")]
[JsonDerivedType(typeof(DenseLayer), "dense")]
[JsonDerivedType(typeof(Conv2dLayer), "conv2d")]
[JsonDerivedType(typeof(MaxPoolLayer), "maxpool")]
[JsonDerivedType(typeof(DropoutLayer), "dropout")]
[JsonDerivedType(typeof(FlattenLayer), "flatten")]
[JsonDerivedType(typeof(ActivationLayer), "activation")]
public abstract record LayerSpec
{
    public static readonly IReadOnlyList<string> Names =
        ["dense", "conv2d", "maxpool", "dropout", "flatten", "relu", "leaky_relu", "selu", "tanh", "sigmoid"];

    public static object? ReadYaml(YamlNode node, string path, SpecBinder binder)
    {
        switch (node)
        {
            case YamlScalar s:
                return Named(s.Value, null, s, path, binder);
            case YamlMapping { Entries.Count: 1 } m:
                return Named(m.Entries[0].Key.Value, m.Entries[0].Value, m.Entries[0].Key, path, binder);
            default:
                binder.Error(node, path, $"a layer is a name or a one-key mapping such as 'dense: 10'; allowed layers: {string.Join(", ", Names)}");
                return null;
        }
    }

    static LayerSpec? Named(string name, YamlNode? arg, YamlNode at, string path, SpecBinder binder)
    {
        var argPath = SpecPath.Child(path, name);
        switch (name)
        {
            case "dense": return Int(arg, at, argPath, binder, "width") is { } w ? new DenseLayer(w) : null;
            case "dropout":
                if (arg == null || !double.TryParse((arg as YamlScalar)?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p is < 0 or >= 1)
                {
                    binder.Error(arg ?? at, argPath, "dropout takes a probability in [0, 1), e.g. 'dropout: 0.25'");
                    return null;
                }
                return new DropoutLayer(p);
            case "conv2d": return arg == null ? Missing(at, argPath, binder, "conv2d: {out: 16, kernel: 4}") : binder.Bind<Conv2dLayer>(arg, argPath);
            case "maxpool":
                if (arg is YamlScalar k) return Int(k, at, argPath, binder, "kernel") is { } kk ? new MaxPoolLayer { Kernel = kk, Stride = kk } : null;
                return arg == null ? Missing(at, argPath, binder, "maxpool: {kernel: 2, stride: 2}") : binder.Bind<MaxPoolLayer>(arg, argPath);
            case "flatten": return NoArg(new FlattenLayer(), arg, argPath, binder);
            case "leaky_relu" when arg != null: return binder.Bind<ActivationLayer>(arg, argPath) is { } a ? a with { Kind = ActivationKind.LeakyRelu } : null;
        }
        var hint = SpecPath.Hint(name, Names);
        var activations = Enum.GetValues<ActivationKind>().ToDictionary(v => SpecPath.SnakeCase(v.ToString()));
        if (activations.TryGetValue(name, out var kind)) return NoArg(new ActivationLayer { Kind = kind }, arg, argPath, binder);
        binder.Error(at, path, $"unknown layer '{name}'{hint}; allowed: {string.Join(", ", Names)}");
        return null;
    }

    static int? Int(YamlNode? arg, YamlNode at, string path, SpecBinder binder, string what)
    {
        if (arg is YamlScalar s && int.TryParse(s.Value, out var n) && n > 0) return n;
        binder.Error(arg ?? at, path, $"expected a positive integer {what}");
        return null;
    }

    static LayerSpec? Missing(YamlNode at, string path, SpecBinder binder, string example)
    {
        binder.Error(at, path, $"missing arguments, e.g. '{example}'");
        return null;
    }

    static LayerSpec? NoArg(LayerSpec layer, YamlNode? arg, string path, SpecBinder binder)
    {
        if (arg is null or YamlScalar { IsNull: true }) return layer;
        binder.Error(arg, path, "this layer takes no arguments");
        return null;
    }
}

public sealed record DenseLayer(int Out) : LayerSpec
{
    public override string ToString() => $"dense({Out})";
}

public sealed record Conv2dLayer : LayerSpec
{
    [SpecRange(Min = 1)] public required int Out { get; init; }
    [SpecRange(Min = 1)] public required int Kernel { get; init; }
    [SpecRange(Min = 1)] public int Stride { get; init; } = 1;
    [SpecRange(Min = 0)] public int Padding { get; init; }
    public override string ToString() => $"conv2d({Out}, k={Kernel}{(Stride != 1 ? $", s={Stride}" : "")}{(Padding != 0 ? $", p={Padding}" : "")})";
}

public sealed record MaxPoolLayer : LayerSpec
{
    [SpecRange(Min = 1)] public required int Kernel { get; init; }
    [SpecRange(Min = 1)] public required int Stride { get; init; }
    public override string ToString() => $"maxpool({Kernel}/{Stride})";
}

public sealed record DropoutLayer(double P) : LayerSpec
{
    public override string ToString() => $"dropout({P})";
}

public sealed record FlattenLayer : LayerSpec
{
    public override string ToString() => "flatten";
}

public sealed record ActivationLayer : LayerSpec
{
    [NotInYaml] public ActivationKind Kind { get; init; }
    /// <summary>Negative slope of leaky_relu (PyTorch's default 0.01).</summary>
    [SpecRange(Min = 0)] public double Slope { get; init; } = 0.01;
    public override string ToString() => Kind == ActivationKind.LeakyRelu ? "leaky_relu" : SpecPath.SnakeCase(Kind.ToString());
}
