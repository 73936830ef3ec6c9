namespace Xuncha.Documents;

/// <summary>
/// What a template is filled with: named text values, and named lists of scopes (a list repeats a table row or
/// a block of paragraphs once per item; an item can hold lists of its own). A name not found in a scope is
/// looked up in the enclosing one.
/// </summary>
public sealed class DocScope
{
    private readonly Dictionary<string, string> _values = [];
    private readonly Dictionary<string, IReadOnlyList<DocScope>> _lists = [];
    private readonly Dictionary<string, DocImage> _images = [];

    public DocScope? Parent { get; private set; }

    public DocScope Set(string name, object? value)
    {
        _values[name] = value switch
        {
            null => "",
            DateOnly d => Dates.Chinese(d),
            DateTimeOffset t => Dates.Chinese(DateOnly.FromDateTime(t.LocalDateTime)),
            _ => value.ToString() ?? "",
        };
        return this;
    }

    public DocScope List(string name, IEnumerable<DocScope> items)
    {
        var list = items.ToList();
        foreach (var item in list) item.Parent = this;
        _lists[name] = list;
        return this;
    }

    /// <summary>A picture (a PNG) for a placeholder that stands alone in its paragraph; elsewhere it reads as <paramref name="alt"/>.</summary>
    public DocScope Image(string name, byte[] png, int widthMm, string alt)
    {
        _images[name] = new DocImage(png, widthMm, alt);
        _values[name] = alt;
        return this;
    }

    public DocImage? ImageOf(string name) => _images.TryGetValue(name, out var i) ? i : Parent?.ImageOf(name);

    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v : Parent?.Value(name);

    public IReadOnlyList<DocScope>? Items(string name) => _lists.TryGetValue(name, out var l) ? l : Parent?.Items(name);

    /// <summary>Every name this scope answers (its own and its parents'), for checking an uploaded template.</summary>
    public IEnumerable<string> Names() => _values.Keys.Concat(_lists.Keys).Concat(Parent?.Names() ?? []);
}

/// <summary>A square picture for a document (a QR code), its printed width and its text alternative.</summary>
public sealed record DocImage(byte[] Png, int WidthMm, string Alt);

/// <summary>Dates as official documents write them: 2026年11月21日 (and the GB/T 9704 signing date likewise).</summary>
public static class Dates
{
    public static string Chinese(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}
