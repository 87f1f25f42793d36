using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Research.Specs.Yaml;

/// <summary>
/// Binds <see cref="YamlNode"/>s to immutable spec records by reflection: snake_case keys to init
/// properties, <c>required</c> members must be present, unknown keys are errors with a "did you mean",
/// enums list their allowed values, <see cref="SpecRangeAttribute"/> bounds numbers. Errors are collected,
/// never thrown, so one pass reports all of them. A type with a static
/// <c>ReadYaml(YamlNode, string, SpecBinder)</c> method reads itself (layers, batch size).
/// </summary>
public sealed class SpecBinder(ICollection<SpecError> errors)
{
    public ICollection<SpecError> Errors { get; } = errors;

    /// <summary>Where each bound key path came from, for checks that run after binding.</summary>
    public Dictionary<string, SourceMark> Marks { get; } = new();

    public void Error(YamlNode node, string path, string message) => Errors.Add(new SpecError(node.Mark, path, message));

    public T? Bind<T>(YamlNode node, string path, string? key = null) => Bind(typeof(T), node, path, key) is T t ? t : default;

    public object? Bind(Type type, YamlNode node, string path, string? key = null)
    {
        Marks.TryAdd(path, node.Mark);
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is YamlScalar { IsNull: true } && (underlying != null || !type.IsValueType))
            return null;
        type = underlying ?? type;

        var custom = type.GetMethod("ReadYaml", BindingFlags.Public | BindingFlags.Static, [typeof(YamlNode), typeof(string), typeof(SpecBinder)]);
        if (custom != null) return custom.Invoke(null, [node, path, this]);

        if (type == typeof(string)) return Scalar(node, path, "a string") is { } s ? s.Value : null;
        if (type == typeof(int)) return ParseNumber(node, path, "an integer", v => int.TryParse(v.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null);
        if (type == typeof(long)) return ParseNumber(node, path, "an integer", v => long.TryParse(v.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null);
        if (type == typeof(double)) return ParseNumber(node, path, "a number", v => double.TryParse(v.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null);
        if (type == typeof(bool)) return ParseNumber(node, path, "true or false", v => v switch { "true" or "True" => true, "false" or "False" => false, _ => (object?)null });
        if (type.IsEnum) return BindEnum(type, node, path);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            return BindList(type.GetGenericArguments()[0], node, path);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            return BindMap(type.GetGenericArguments()[1], node, path);
        return BindRecord(type, node, path, key);
    }

    public YamlScalar? Scalar(YamlNode node, string path, string expected)
    {
        if (node is YamlScalar s) return s;
        Error(node, path, $"expected {expected}, got a {(node is YamlMapping ? "mapping" : "list")}");
        return null;
    }

    object? ParseNumber(YamlNode node, string path, string expected, Func<string, object?> parse)
    {
        if (Scalar(node, path, expected) is not { } s) return null;
        var value = parse(s.Value.Trim());
        if (value == null) Error(node, path, $"expected {expected}, got '{s.Value}'");
        return value;
    }

    object? BindEnum(Type type, YamlNode node, string path)
    {
        if (Scalar(node, path, "a name") is not { } s) return null;
        var names = Enum.GetNames(type).ToDictionary(SpecPath.SnakeCase);
        if (names.TryGetValue(s.Value, out var name)) return Enum.Parse(type, name);
        var hint = SpecPath.Hint(s.Value, names.Keys);
        Error(node, path, $"unknown {SpecPath.SnakeCase(type.Name).Replace('_', ' ')} '{s.Value}'{hint}; allowed: {string.Join(", ", names.Keys)}");
        return null;
    }

    object? BindList(Type item, YamlNode node, string path)
    {
        if (node is not YamlSequence seq)
        {
            Error(node, path, $"expected a list, got {(node is YamlMapping ? "a mapping" : $"'{((YamlScalar)node).Value}'")}");
            return null;
        }
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        var failed = false;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            var value = Bind(item, seq.Items[i], SpecPath.Index(path, i));
            if (value != null) list.Add(value);
            else failed = true;
        }
        // A list with a bad item is not bound at all, so no later check sees a silently shortened list.
        return failed ? null : list;
    }

    object? BindMap(Type value, YamlNode node, string path)
    {
        if (node is not YamlMapping map)
        {
            Error(node, path, "expected a mapping of names to entries");
            return null;
        }
        var dict = (IDictionary)Activator.CreateInstance(typeof(OrderedDictionary<,>).MakeGenericType(typeof(string), value))!;
        var failed = false;
        foreach (var (k, v) in map.Entries)
        {
            var childPath = SpecPath.Child(path, k.Value);
            var bound = Bind(value, v, childPath, key: k.Value);
            if (bound != null) dict[k.Value] = bound;
            else failed = true;
        }
        return failed ? null : dict;
    }

    object? BindRecord(Type type, YamlNode node, string path, string? key)
    {
        if (node is not YamlMapping map)
        {
            Error(node, path, $"expected a mapping ({SpecPath.SnakeCase(type.Name).Replace("_spec", "")}), got {(node is YamlSequence ? "a list" : $"'{((YamlScalar)node).Value}'")}");
            return null;
        }
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<FromKeyAttribute>() == null && p.GetCustomAttribute<NotInYamlAttribute>() == null)
            .ToDictionary(p => SpecPath.SnakeCase(p.Name));
        var instance = Activator.CreateInstance(type)!;
        var ok = true;
        foreach (var (k, v) in map.Entries)
        {
            var childPath = SpecPath.Child(path, k.Value);
            if (!props.TryGetValue(k.Value, out var prop))
            {
                var hint = SpecPath.Suggest(k.Value, props.Keys) is { } near ? $"did you mean '{near}'? " : "";
                Error(k, childPath, $"unknown key '{k.Value}'; {hint}allowed: {string.Join(", ", props.Keys)}");
                ok = false;
                continue;
            }
            var value = Bind(prop.PropertyType, v, childPath);
            if (value == null)
            {
                ok &= v is YamlScalar { IsNull: true };
                continue;
            }
            if (prop.GetCustomAttribute<SpecRangeAttribute>() is { } range && Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && range.Check(d) is { } problem)
            {
                Error(v, childPath, problem);
                ok = false;
            }
            prop.SetValue(instance, value);
        }
        foreach (var (name, prop) in props)
        {
            if (prop.GetCustomAttribute<RequiredMemberAttribute>() != null && map[name] == null)
            {
                Error(map, SpecPath.Child(path, name), $"missing required key '{name}'");
                ok = false;
            }
        }
        if (key != null && type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<FromKeyAttribute>() != null) is { } idProp)
            idProp.SetValue(instance, key);
        return ok ? instance : null;
    }
}
