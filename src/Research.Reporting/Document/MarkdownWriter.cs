using System.Text;
using static System.FormattableString;

namespace Research.Reporting.Document;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown. Output depends only on the
/// document: "\n" line ends, no trailing spaces, one blank line between blocks.
/// </summary>
public static class MarkdownWriter
{
    public static string Write(ReportDocument document)
    {
        var md = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            if (md.Length > 0) md.Append('\n');
            Write(md, block);
        }
        return md.ToString();
    }

    static void Write(StringBuilder md, Block block)
    {
        switch (block)
        {
            case Heading h:
                md.Append('#', h.Level).Append(' ');
                if (h.Id is { } id) md.Append(Anchor(id));
                md.Append(Inline(h.Text, table: false)).Append('\n');
                break;
            case Paragraph p:
                md.Append(Inline(p.Text, table: false)).Append('\n');
                break;
            case Quote q:
                md.Append("> ").Append(Inline(q.Text, table: false)).Append('\n');
                break;
            case BulletList list:
                foreach (var item in list.Items) md.Append("- ").Append(Inline(item, table: false)).Append('\n');
                break;
            case Table t:
                WriteTable(md, t);
                break;
            case Image image:
                // The anchor shares the image's line: an HTML tag alone on a line would start a raw HTML block.
                if (image.Id is { } figureId) md.Append(Anchor(figureId));
                // A backslash hard break keeps the caption under the image in one paragraph.
                md.Append("![").Append(Escape(image.AltText)).Append("](").Append(Target(image.Source)).Append(")\\\n");
                md.Append(Inline(image.Caption, table: false)).Append('\n');
                break;
            case Details d:
                md.Append("<details>\n<summary>").Append(Html(d.Summary)).Append("</summary>\n");
                foreach (var (label, language, code) in d.Parts)
                {
                    md.Append('\n').Append(Escape(label)).Append("\n\n");
                    var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
                    md.Append(fence).Append(language).Append('\n').Append(code.TrimEnd('\n')).Append('\n').Append(fence).Append('\n');
                }
                md.Append("\n</details>\n");
                break;
            case Rule:
                md.Append("---\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name);
        }
    }

    static void WriteTable(StringBuilder md, Table t)
    {
        md.Append('|');
        foreach (var h in t.Header) md.Append(' ').Append(Escape(h)).Append(" |");
        md.Append("\n|");
        for (int i = 0; i < t.Header.Count; i++) md.Append(t.NumericColumns?.Contains(i) == true ? "---:|" : "---|");
        md.Append('\n');
        foreach (var row in t.Rows)
        {
            if (row.Count != t.Header.Count)
                throw new ArgumentException(Invariant($"a table row has {row.Count} cells for {t.Header.Count} columns"));
            md.Append('|');
            foreach (var cell in row)
            {
                var text = Inline(cell, table: true);
                md.Append(' ').Append(text.Length == 0 ? " " : text).Append(" |");
            }
            md.Append('\n');
        }
    }

    static string Anchor(string id) => $"<a id=\"{Html(id)}\"></a>";

    static string Inline(Line line, bool table)
    {
        var md = new StringBuilder();
        foreach (var span in line.Spans)
            md.Append(span.Kind switch
            {
                SpanKind.Plain or SpanKind.Badge => Escape(span.Text),
                SpanKind.Bold => Emphasis(span.Text, "**"),
                SpanKind.Italic => Emphasis(span.Text, "*"),
                SpanKind.Code => Code(span.Text, table),
                SpanKind.Link => $"[{Escape(span.Text)}]({Target(span.Target!)})",
                SpanKind.Break => "<br>",
                _ => throw new ArgumentOutOfRangeException(nameof(line)),
            });
        return md.ToString();
    }

    /// <summary>Bold or italic text; spaces at either end stay outside the markers, where CommonMark needs them.</summary>
    static string Emphasis(string text, string marker)
    {
        var trimmed = text.Trim(' ');
        if (trimmed.Length == 0) return text;
        var lead = text[..text.IndexOf(trimmed, StringComparison.Ordinal)];
        var trail = text[(lead.Length + trimmed.Length)..];
        return lead + marker + Escape(trimmed) + marker + trail;
    }

    /// <summary>
    /// Plain text that renders as itself: Markdown's punctuation is backslash-escaped, except an
    /// underscore between letters or digits (never emphasis in GFM) and brackets that cannot form a
    /// link (the document defines no link references), so metric names and value lists stay readable.
    /// '|' is escaped everywhere: harmless outside tables, required inside them.
    /// </summary>
    internal static string Escape(string text)
    {
        var md = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    break;
                case '\n':
                    md.Append(' ');
                    break;
                case '_' when i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]):
                    md.Append(c);
                    break;
                case ']' when i + 1 < text.Length && text[i + 1] is '(' or '[':
                    md.Append('\\').Append(c); // would close a link
                    break;
                case '\\' or '`' or '*' or '_' or '<' or '>' or '~' or '|' or '$':
                    md.Append('\\').Append(c);
                    break;
                case '#' or '+' or '-' or '=' or '[' when md.Length == 0:
                    md.Append('\\').Append(c); // would start a heading, list, setext underline or link reference definition
                    break;
                default:
                    md.Append(c);
                    break;
            }
        }
        return md.ToString();
    }

    static string Code(string text, bool table)
    {
        var body = text.Replace('\n', ' ');
        if (table) body = body.Replace("|", "\\|");
        var ticks = new string('`', LongestRun(body, '`') + 1);
        var pad = body.StartsWith('`') || body.EndsWith('`') ? " " : "";
        return ticks + pad + body + pad + ticks;
    }

    static string Target(string target) => target.Replace(" ", "%20").Replace("(", "%28").Replace(")", "%29");

    static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
