namespace Research.Specs.Yaml;

/// <summary>
/// Deep merge of YAML mappings: used for <c>defaults</c> (under an experiment), <c>profiles</c> (over it)
/// and <c>--set path=value</c> (over everything). Mappings merge key by key; anything else is replaced.
/// Overriding nodes keep their own position, so an error in a profile points at the profile's line.
/// </summary>
public static class YamlMerge
{
    public static YamlNode Over(YamlNode under, YamlNode over)
    {
        if (under is not YamlMapping u || over is not YamlMapping o) return over;
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var (key, value) in u.Entries)
            entries.Add(o[key.Value] is { } replacement ? new(key, Over(value, replacement)) : new(key, value));
        foreach (var entry in o.Entries)
            if (u[entry.Key.Value] == null) entries.Add(entry);
        return new YamlMapping(u.Mark, entries);
    }

    /// <summary><c>models.model-1.optimizer.lr</c> and <c>0.002</c> → the nested mapping that sets it.</summary>
    public static YamlNode FromAssignment(string assignment, string origin, ICollection<SpecError> errors)
    {
        var mark = new SourceMark(origin, 1, 1);
        if (PathOf(assignment) is not { } keys)
        {
            errors.Add(new SpecError(mark, "", $"'{assignment}' is not of the form path=value (e.g. models.model-1.optimizer.lr=0.002)"));
            return new YamlMapping(mark, []);
        }
        var valueText = assignment[(assignment.IndexOf('=') + 1)..].Trim();
        YamlNode node = YamlTreeReader.Read(valueText, origin, errors) ?? new YamlScalar(mark, "", true);
        for (int i = keys.Length - 1; i >= 0; i--)
            node = new YamlMapping(mark, [new(new YamlScalar(mark, keys[i], true), node)]);
        return node;
    }

    /// <summary>The keys of an assignment's path (<c>models.model-1.optimizer.lr=0.002</c> → models, model-1, optimizer, lr); null when it is not of the form path=value.</summary>
    public static string[]? PathOf(string assignment)
    {
        var eq = assignment.IndexOf('=');
        return eq <= 0 ? null : assignment[..eq].Trim().Split('.');
    }
}
