using System.Globalization;
using System.Text;

namespace Research.Reporting.Document;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, images embedded as
/// base64 data URIs, no scripts, fonts or other resources fetched from anywhere. Output depends only on
/// the document and the image bytes ("\n" line ends).
/// </summary>
public static class HtmlWriter
{
    /// <param name="document">The report.</param>
    /// <param name="image">The PNG bytes of an <see cref="Image.Source"/> (a path relative to the report).</param>
    public static string Write(ReportDocument document, Func<string, byte[]> image)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");
        foreach (var block in document.Blocks) Write(html, block, image);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    static void Write(StringBuilder html, Block block, Func<string, byte[]> image)
    {
        switch (block)
        {
            case Heading h:
                var level = h.Level.ToString(CultureInfo.InvariantCulture);
                html.Append("<h").Append(level).Append(Id(h.Id)).Append('>').Append(Inline(h.Text)).Append("</h").Append(level).Append(">\n");
                break;
            case Paragraph p:
                html.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                break;
            case Quote q:
                html.Append("<blockquote>").Append(Inline(q.Text)).Append("</blockquote>\n");
                break;
            case BulletList list:
                html.Append("<ul>\n");
                foreach (var item in list.Items) html.Append("<li>").Append(Inline(item)).Append("</li>\n");
                html.Append("</ul>\n");
                break;
            case Table t:
                html.Append("<div class=\"table\"><table>\n<thead><tr>");
                for (int i = 0; i < t.Header.Count; i++)
                    html.Append("<th").Append(Numeric(t, i)).Append('>').Append(Encode(t.Header[i])).Append("</th>");
                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                {
                    html.Append("<tr>");
                    for (int i = 0; i < row.Count; i++)
                        html.Append("<td").Append(Numeric(t, i)).Append('>').Append(Inline(row[i])).Append("</td>");
                    html.Append("</tr>\n");
                }
                html.Append("</tbody>\n</table></div>\n");
                break;
            case Image img:
                html.Append("<figure").Append(Id(img.Id)).Append(">\n<img src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(image(img.Source))).Append("\" alt=\"").Append(Encode(img.AltText)).Append("\">\n")
                    .Append("<figcaption>").Append(Inline(img.Caption)).Append("</figcaption>\n</figure>\n");
                break;
            case Details d:
                html.Append("<details>\n<summary>").Append(Encode(d.Summary)).Append("</summary>\n");
                foreach (var (label, language, code) in d.Parts)
                    html.Append("<p>").Append(Encode(label)).Append("</p>\n<pre><code class=\"language-").Append(Encode(language)).Append("\">")
                        .Append(Encode(code.TrimEnd('\n'))).Append("</code></pre>\n");
                html.Append("</details>\n");
                break;
            case Rule:
                html.Append("<hr>\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name);
        }
    }

    static string Inline(Line line)
    {
        var html = new StringBuilder();
        foreach (var s in line.Spans)
            html.Append(s.Kind switch
            {
                SpanKind.Plain => Encode(s.Text),
                SpanKind.Bold => $"<strong>{Encode(s.Text)}</strong>",
                SpanKind.Italic => $"<em>{Encode(s.Text)}</em>",
                SpanKind.Code => $"<code>{Encode(s.Text)}</code>",
                SpanKind.Link => $"<a href=\"{Encode(s.Target!)}\">{Encode(s.Text)}</a>",
                SpanKind.Break => "<br>",
                SpanKind.Badge => $"<span class=\"badge {Encode(s.Target ?? "")}\">{Encode(s.Text)}</span>",
                _ => throw new ArgumentOutOfRangeException(nameof(line)),
            });
        return html.ToString();
    }

    static string Id(string? id) => id is null ? "" : $" id=\"{Encode(id)}\"";

    static string Numeric(Table t, int column) => t.NumericColumns?.Contains(column) == true ? " class=\"num\"" : "";

    /// <summary>HTML-encodes text; non-ASCII characters (π, ±, ✓) stay themselves, the page being UTF-8.</summary>
    static string Encode(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    const string Css = """
        :root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --stripe: #f6f8fa; --accent: #0969da; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--fg); font: 16px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
        main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
        h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 1rem; padding-bottom: .3em; border-bottom: 1px solid var(--line); }
        h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; padding-bottom: .3em; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
        h4 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
        p, ul { margin: 0 0 1rem; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 85%; }
        code { background: rgba(175, 184, 193, .2); padding: .1em .35em; border-radius: 4px; }
        pre { background: var(--stripe); padding: 1rem; overflow: auto; border-radius: 6px; line-height: 1.45; }
        pre code { background: none; padding: 0; font-size: 100%; }
        blockquote { margin: 0 0 1rem; padding: .25rem 1rem; color: var(--muted); border-left: .25em solid var(--line); font-style: italic; }
        .table { overflow-x: auto; margin: 0 0 1.25rem; }
        table { border-collapse: collapse; font-size: .9rem; }
        th, td { border: 1px solid var(--line); padding: .4rem .7rem; vertical-align: top; text-align: left; }
        th { background: var(--stripe); font-weight: 600; }
        tbody tr:nth-child(2n) { background: #fbfcfd; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1.5rem 0; }
        figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
        figcaption { color: var(--muted); font-size: .9rem; margin-top: .5rem; }
        details { margin: 0 0 1rem; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; }
        details[open] { padding-bottom: 1rem; }
        summary { cursor: pointer; font-weight: 600; }
        hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
        .badge { display: inline-block; white-space: nowrap; padding: 0 .5em; border-radius: 1em; font-size: .85em; font-weight: 600; }
        .badge.holds { background: #dafbe1; color: #116329; }
        .badge.deviates { background: #ffebe9; color: #a40e26; }
        .badge.inconclusive { background: #fff8c5; color: #7d4e00; }
        .badge.expected { background: #eef1f4; color: var(--muted); font-weight: 500; }
        .badge.unexpected { background: #a40e26; color: #fff; }
        """;
}
