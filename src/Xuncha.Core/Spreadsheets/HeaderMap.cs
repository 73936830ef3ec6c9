using System.Text.RegularExpressions;

namespace Xuncha.Spreadsheets;

/// <summary>A column the importer looks for: its canonical Chinese header and the synonyms offices use.</summary>
public sealed record ImportColumn(string Header, bool Required, params string[] Synonyms)
{
    public bool Matches(string text) => Header == text || Synonyms.Contains(text);
}

/// <summary>Finds the header row (a title and blank rows may sit above it) and where each column is.</summary>
public sealed partial class HeaderMap
{
    private readonly Dictionary<ImportColumn, int> _index;

    private HeaderMap(int rowNumber, Dictionary<ImportColumn, int> index)
    {
        RowNumber = rowNumber;
        _index = index;
    }

    public int RowNumber { get; }

    public bool Has(ImportColumn column) => _index.ContainsKey(column);

    public string Get(TableRow row, ImportColumn column) =>
        _index.TryGetValue(column, out var i) && i < row.Cells.Count ? Normalize(row.Cells[i]) : "";

    /// <summary>The header row is the first of the leading rows holding at least two known headers.</summary>
    public static HeaderMap? Find(IReadOnlyList<TableRow> leading, IReadOnlyList<ImportColumn> columns)
    {
        foreach (var row in leading)
        {
            var index = new Dictionary<ImportColumn, int>();
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var text = HeaderText(row.Cells[i]);
                var column = columns.FirstOrDefault(c => c.Matches(text));
                if (column is not null && !index.ContainsKey(column)) index[column] = i;
            }
            if (index.Count >= 2) return new HeaderMap(row.Number, index);
        }
        return null;
    }

    /// <summary>Trims ordinary and full-width spaces and turns full-width letters and digits into ASCII.</summary>
    public static string Normalize(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var chars = s.Select(c => c switch
        {
            '\u3000' => ' ',
            >= '\uFF01' and <= '\uFF5E' when char.IsLetterOrDigit((char)(c - 0xFEE0)) => (char)(c - 0xFEE0),
            _ => c,
        }).ToArray();
        return new string(chars).Trim();
    }

    private static string HeaderText(string? s) => Decoration().Replace(Normalize(s), "");

    [GeneratedRegex(@"[\s\*＊]|[（(]\s*(必填|选填|可选)\s*[)）]")]
    private static partial Regex Decoration();
}
