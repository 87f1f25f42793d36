using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Research.Specs.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/>s with positions. Anchors, aliases and merge keys
/// (<c>&lt;&lt;: *base</c>) are resolved; duplicate keys and non-scalar keys are reported as errors
/// rather than silently keeping one value.
/// </summary>
public static class YamlTreeReader
{
    public static YamlNode? Read(string text, string file, ICollection<SpecError> errors)
    {
        try
        {
            var parser = new MergingParser(new Parser(new StringReader(text)));
            var anchors = new Dictionary<string, YamlNode>();
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, anchors, errors, "");
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                errors.Add(new SpecError(Mark(file, parser.Current!.Start), "", "only one YAML document is allowed"));
            return root;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) at an unterminated flow collection.
            var lines = text.Split('\n').Length;
            errors.Add(new SpecError(new SourceMark(file, lines, 1), "", "malformed YAML: unexpected end of file (an unclosed '[' or '{'?)"));
            return null;
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is YamlException i ? i : e;
            errors.Add(new SpecError(Mark(file, inner.Start), "", $"malformed YAML: {Clean(inner.Message)}"));
            return null;
        }
    }

    static YamlNode ReadNode(IParser parser, string file, Dictionary<string, YamlNode> anchors, ICollection<SpecError> errors, string path)
    {
        YamlNode node;
        string? anchor = null;
        switch (parser.Consume<ParsingEvent>())
        {
            case AnchorAlias alias:
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value}");
            case Scalar s:
                anchor = s.Anchor.IsEmpty ? null : s.Anchor.Value;
                node = new YamlScalar(Mark(file, s.Start), s.Value, s.Style == ScalarStyle.Plain);
                break;
            case SequenceStart seq:
            {
                anchor = seq.Anchor.IsEmpty ? null : seq.Anchor.Value;
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, file, anchors, errors, $"{path}[{items.Count}]"));
                node = new YamlSequence(Mark(file, seq.Start), items);
                break;
            }
            case MappingStart map:
            {
                anchor = map.Anchor.IsEmpty ? null : map.Anchor.Value;
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                var seen = new Dictionary<string, SourceMark>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, file, anchors, errors, path);
                    if (keyNode is not YamlScalar key)
                    {
                        errors.Add(new SpecError(keyNode.Mark, path, "keys must be plain strings"));
                        ReadNode(parser, file, anchors, errors, path);
                        continue;
                    }
                    var childPath = SpecPath.Child(path, key.Value);
                    var value = ReadNode(parser, file, anchors, errors, childPath);
                    if (seen.TryGetValue(key.Value, out var first))
                    {
                        errors.Add(new SpecError(key.Mark, childPath, $"duplicate key '{key.Value}' (first defined at line {first.Line})"));
                        continue;
                    }
                    seen[key.Value] = key.Mark;
                    entries.Add(new(key, value));
                }
                node = new YamlMapping(Mark(file, map.Start), entries);
                break;
            }
            case var other:
                throw new YamlException(other.Start, other.End, $"unexpected {other.GetType().Name}");
        }
        if (anchor != null) anchors[anchor] = node;
        return node;
    }

    static SourceMark Mark(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the mark is reported separately.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }
}
