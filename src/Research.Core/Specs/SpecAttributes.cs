namespace Research.Specs;

/// <summary>Bounds a number in the spec; the binder reports a value outside them at its line.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SpecRangeAttribute : Attribute
{
    public double Min { get; init; } = double.NegativeInfinity;
    public double Max { get; init; } = double.PositiveInfinity;
    public bool MinExclusive { get; init; }

    public string? Check(double value) =>
        double.IsNaN(value) ? "must be a number"
        : MinExclusive && value <= Min ? $"{Fmt(value)} must be > {Fmt(Min)}"
        : !MinExclusive && value < Min ? $"{Fmt(value)} must be >= {Fmt(Min)}"
        : value > Max ? $"{Fmt(value)} must be <= {Fmt(Max)}"
        : null;

    static string Fmt(double v) => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The property takes the key under which its record stands in a YAML mapping.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FromKeyAttribute : Attribute;

/// <summary>Set by the loader, never read from YAML.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInYamlAttribute : Attribute;
