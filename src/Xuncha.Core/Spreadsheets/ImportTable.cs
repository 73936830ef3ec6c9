using Xuncha.Common;

namespace Xuncha.Spreadsheets;

public sealed record ImportIssue(int Row, string Column, string Message);

/// <summary>
/// The start every import shares: the size checked, the rows read, the header row found among the leading
/// rows, and each missing required column reported. The data rows follow the header.
/// </summary>
public sealed record ImportTable(IReadOnlyList<TableRow> Rows, HeaderMap? Header, List<ImportIssue> Issues)
{
    public bool Usable => Header is not null && Issues.Count == 0;

    public IEnumerable<TableRow> DataRows => Header is null ? [] : Rows.Where(r => r.Number > Header.RowNumber && !r.IsBlank);

    public static ImportTable Open(Stream content, string fileName, int maxRows, long maxBytes, IReadOnlyList<ImportColumn> columns)
    {
        if (content.CanSeek && content.Length > maxBytes)
            throw new ValidationException("file", string.Format(Messages.Import_TooLarge, maxBytes / 1024 / 1024));
        var rows = TableReader.Read(content, fileName, maxRows, leading => HeaderMap.Find(leading, columns) is not null, slack: 50).ToList();
        var issues = new List<ImportIssue>();
        var header = HeaderMap.Find(rows.Take(20).ToList(), columns);
        var required = string.Join("、", columns.Where(c => c.Required).Select(c => c.Header));
        foreach (var c in columns.Where(c => c.Required && (header is null || !header.Has(c))))
            issues.Add(new ImportIssue(header?.RowNumber ?? 1, c.Header, string.Format(Messages.Import_MissingHeader, c.Header, required)));
        return new ImportTable(rows, header, issues);
    }
}
