namespace Research.Reporting.Document;

/// <summary>
/// The report as a small document tree, written once and rendered twice: to GitHub-flavoured Markdown
/// (<see cref="MarkdownWriter"/>) and to self-contained HTML (<see cref="HtmlWriter"/>), so both files say
/// exactly the same thing. Text is plain; each writer does its own escaping.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<Block> Blocks);

/// <summary>How a piece of inline text is shown.</summary>
public enum SpanKind
{
    Plain,
    Bold,
    Italic,
    Code,
    /// <summary>A hyperlink; <see cref="Span.Target"/> is the address (a <c>#anchor</c> or a relative path).</summary>
    Link,
    /// <summary>A line break inside a paragraph or table cell.</summary>
    Break,
    /// <summary>A coloured label (a verdict); <see cref="Span.Target"/> is its style: holds, deviates, inconclusive, expected, unexpected.</summary>
    Badge,
}

/// <summary>One piece of inline text.</summary>
public readonly record struct Span(string Text, SpanKind Kind = SpanKind.Plain, string? Target = null);

/// <summary>A run of inline text, built fluently: <c>new Line().Text("a ").Bold("b").Link("c", "#c")</c>.</summary>
public sealed class Line
{
    readonly List<Span> _spans = [];

    public IReadOnlyList<Span> Spans => _spans;

    public bool IsEmpty => _spans.Count == 0;

    public Line Text(string text) => Add(new Span(text));
    public Line Bold(string text) => Add(new Span(text, SpanKind.Bold));
    public Line Italic(string text) => Add(new Span(text, SpanKind.Italic));
    public Line Code(string text) => Add(new Span(text, SpanKind.Code));
    public Line Link(string text, string target) => Add(new Span(text, SpanKind.Link, target));
    public Line Break() => Add(new Span("", SpanKind.Break));
    public Line Badge(string text, string style) => Add(new Span(text, SpanKind.Badge, style));

    /// <summary>Appends another line's spans.</summary>
    public Line Append(Line other)
    {
        _spans.AddRange(other._spans);
        return this;
    }

    Line Add(Span span)
    {
        if (span.Kind == SpanKind.Break || span.Text.Length > 0) _spans.Add(span);
        return this;
    }

    public static implicit operator Line(string text) => new Line().Text(text);

    public override string ToString() => string.Concat(_spans.Select(s => s.Kind == SpanKind.Break ? " / " : s.Text));
}

public abstract record Block;

/// <param name="Level">1 (the title) to 4.</param>
/// <param name="Text">The heading's text.</param>
/// <param name="Id">Anchor for links (<c>#id</c>); null for none.</param>
public sealed record Heading(int Level, Line Text, string? Id = null) : Block;

public sealed record Paragraph(Line Text) : Block;

/// <summary>Quoted words (the report's own).</summary>
public sealed record Quote(Line Text) : Block;

public sealed record BulletList(IReadOnlyList<Line> Items) : Block;

/// <summary>A table; every row has one cell per header. <see cref="NumericColumns"/> are right-aligned.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Line>> Rows, IReadOnlySet<int>? NumericColumns = null) : Block
{
    /// <summary>Columns the HTML page can filter by (a drop-down of their values) and, when set, sort on any header; null: a plain table.</summary>
    public IReadOnlyList<int>? Filters { get; init; }
}

/// <summary>A figure: the image at <paramref name="Source"/> (relative to the report), with a caption under it.</summary>
public sealed record Image(string AltText, string Source, Line Caption, string? Id = null) : Block
{
    /// <summary>The figure's data as an interactive chart's JSON (<see cref="Interactive.FigureChart"/>), drawn by the HTML page above the PNG; null: the PNG alone.</summary>
    public string? Chart { get; init; }
}

/// <summary>A collapsed block of code (e.g. JSON) under a one-line summary.</summary>
public sealed record Details(string Summary, IReadOnlyList<(string Label, string Language, string Code)> Parts) : Block;

/// <summary>A thin separator.</summary>
public sealed record Rule : Block;
