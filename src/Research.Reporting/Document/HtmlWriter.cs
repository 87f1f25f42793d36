using System.Globalization;
using System.Text;
using Research.Reporting.Interactive;

namespace Research.Reporting.Document;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, images embedded as
/// base64 data URIs, inline scripts only (table filters, interactive figures), no fonts or other resources
/// fetched from anywhere. Output depends only on
/// the document and the image bytes ("\n" line ends).
/// </summary>
public static class HtmlWriter
{
    /// <param name="document">The report.</param>
    /// <param name="image">The PNG bytes of an <see cref="Image.Source"/> (a path relative to the report).</param>
    /// <param name="link">Maps a link's target as the document names it (e.g. another Markdown file) to the page's (null: unchanged).</param>
    public static string Write(ReportDocument document, Func<string, byte[]> image, Func<string, string>? link = null)
    {
        link ??= t => t;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append('\n');
        if (document.Blocks.OfType<Image>().Any(i => i.Chart is not null)) html.Append(ChartAssets.Css).Append('\n');
        html.Append("</style>\n</head>\n<body>\n<main>\n");
        foreach (var block in document.Blocks) Write(html, block, image, link);
        html.Append("</main>\n");
        if (document.Blocks.OfType<Table>().Any(t => t.Filters is not null)) html.Append("<script>\n").Append(TableScript).Append("\n</script>\n");
        if (document.Blocks.OfType<Image>().Any(i => i.Chart is not null))
            html.Append("<script>\n").Append(ChartAssets.Library).Append("\n</script>\n<script>\n").Append(ChartAssets.Script).Append("\n</script>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    static void Write(StringBuilder html, Block block, Func<string, byte[]> image, Func<string, string> link)
    {
        switch (block)
        {
            case Heading h:
                var level = h.Level.ToString(CultureInfo.InvariantCulture);
                html.Append("<h").Append(level).Append(Id(h.Id)).Append('>').Append(Inline(h.Text, link)).Append("</h").Append(level).Append(">\n");
                break;
            case Paragraph p:
                html.Append("<p>").Append(Inline(p.Text, link)).Append("</p>\n");
                break;
            case Quote q:
                html.Append("<blockquote>").Append(Inline(q.Text, link)).Append("</blockquote>\n");
                break;
            case BulletList list:
                html.Append("<ul>\n");
                foreach (var item in list.Items) html.Append("<li>").Append(Inline(item, link)).Append("</li>\n");
                html.Append("</ul>\n");
                break;
            case Table t:
                html.Append(t.Filters is { } filters
                    ? $"<div class=\"table\" data-filters=\"{string.Join(",", filters.Select(f => f.ToString(CultureInfo.InvariantCulture)))}\"><table>\n<thead><tr>"
                    : "<div class=\"table\"><table>\n<thead><tr>");
                for (int i = 0; i < t.Header.Count; i++)
                    html.Append("<th").Append(Numeric(t, i)).Append('>').Append(Encode(t.Header[i])).Append("</th>");
                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                {
                    html.Append("<tr>");
                    for (int i = 0; i < row.Count; i++)
                        html.Append("<td").Append(Numeric(t, i)).Append('>').Append(Inline(row[i], link)).Append("</td>");
                    html.Append("</tr>\n");
                }
                html.Append("</tbody>\n</table></div>\n");
                break;
            case Image img when img.Chart is { } chart:
                // The chart above, the PNG (every point, as the baselines pin it) folded under it.
                var data = "chart-" + (img.Id ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(img.Source)))[..12]);
                html.Append("<figure").Append(Id(img.Id)).Append(">\n<div class=\"chart\" data-chart=\"").Append(data).Append("\"></div>\n")
                    .Append("<script type=\"application/json\" id=\"").Append(data).Append("\">").Append(chart.Replace("</", "<\\/")).Append("</script>\n")
                    .Append("<details class=\"png\"><summary>The figure as drawn in REPORT.md (PNG)</summary>\n<img src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(image(img.Source))).Append("\" alt=\"").Append(Encode(img.AltText)).Append("\">\n</details>\n")
                    .Append("<figcaption>").Append(Inline(img.Caption, link)).Append("</figcaption>\n</figure>\n");
                break;
            case Image img:
                html.Append("<figure").Append(Id(img.Id)).Append(">\n<img src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(image(img.Source))).Append("\" alt=\"").Append(Encode(img.AltText)).Append("\">\n")
                    .Append("<figcaption>").Append(Inline(img.Caption, link)).Append("</figcaption>\n</figure>\n");
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

    static string Inline(Line line, Func<string, string> link)
    {
        var html = new StringBuilder();
        foreach (var s in line.Spans)
            html.Append(s.Kind switch
            {
                SpanKind.Plain => Encode(s.Text),
                SpanKind.Bold => $"<strong>{Encode(s.Text)}</strong>",
                SpanKind.Italic => $"<em>{Encode(s.Text)}</em>",
                SpanKind.Code => $"<code>{Encode(s.Text)}</code>",
                SpanKind.Link => $"<a href=\"{Encode(link(s.Target!))}\">{Encode(s.Text)}</a>",
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

    /// <summary>
    /// Filters (one drop-down per filter column, its values read from the cells) and sorting (click a header) for
    /// tables with <see cref="Table.Filters"/>. Plain DOM code in the page, so it works offline.
    /// </summary>
    const string TableScript = """
        document.querySelectorAll('div.table[data-filters]').forEach(box => {
          const table = box.querySelector('table'), body = table.tBodies[0], rows = [...body.rows];
          const heads = [...table.tHead.rows[0].cells], bar = document.createElement('div'), picks = [];
          bar.className = 'filters';
          box.dataset.filters.split(',').map(Number).forEach(col => {
            const label = document.createElement('label'), select = document.createElement('select');
            label.textContent = heads[col].textContent + ' ';
            select.add(new Option('all', ''));
            [...new Set(rows.map(r => r.cells[col].textContent.trim()))].sort().forEach(v => select.add(new Option(v, v)));
            select.addEventListener('change', apply);
            label.append(select); bar.append(label); picks.push([col, select]);
          });
          const count = document.createElement('span'); bar.append(count); box.before(bar);
          function apply() {
            let shown = 0;
            rows.forEach(r => { const ok = picks.every(([c, s]) => !s.value || r.cells[c].textContent.trim() === s.value); r.hidden = !ok; shown += ok; });
            count.textContent = shown + ' of ' + rows.length + ' rows';
          }
          heads.forEach((th, col) => {
            th.classList.add('sortable'); th.title = 'Sort';
            th.addEventListener('click', () => {
              const dir = th.dataset.sort === 'asc' ? -1 : 1;
              heads.forEach(h => delete h.dataset.sort); th.dataset.sort = dir === 1 ? 'asc' : 'desc';
              const key = r => r.cells[col].textContent.trim();
              rows.slice().sort((a, b) => dir * key(a).localeCompare(key(b), 'en', { numeric: true })).forEach(r => body.append(r));
            });
          });
          apply();
        });
        """;

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
        .filters { display: flex; gap: 1rem; align-items: center; margin: 0 0 .5rem; font-size: .9rem; color: var(--muted); }
        th.sortable { cursor: pointer; } th[data-sort=asc]::after { content: " ▲"; } th[data-sort=desc]::after { content: " ▼"; }
        td:first-child a { white-space: nowrap; }
        td:has(> .badge) { white-space: nowrap; width: 1%; }
        div.table[data-filters] { width: min(96vw, 90rem); margin-left: calc((100% - min(96vw, 90rem)) / 2); }
        .chart { margin: 0 0 .5rem; min-height: 420px; } .chart-bar { font-size: .85rem; color: var(--muted); margin: 0 0 .25rem; }
        details.png { border: 0; padding: 0; margin: 0 0 .5rem; } details.png summary { font-weight: 400; color: var(--muted); font-size: .85rem; }
        .badge { display: inline-block; white-space: nowrap; padding: 0 .5em; border-radius: 1em; font-size: .85em; font-weight: 600; }
        .badge.holds { background: #dafbe1; color: #116329; }
        .badge.deviates { background: #ffebe9; color: #a40e26; }
        .badge.inconclusive { background: #fff8c5; color: #7d4e00; }
        .badge.expected { background: #eef1f4; color: var(--muted); font-weight: 500; }
        .badge.unexpected { background: #a40e26; color: #fff; }
        """;
}
