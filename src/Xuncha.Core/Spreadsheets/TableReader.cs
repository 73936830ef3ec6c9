using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Xuncha.Common;

namespace Xuncha.Spreadsheets;

/// <summary>A row as read from a file: its row number as the user sees it (1-based) and its cells as text.</summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reads the first visible worksheet of an .xlsx, or a .csv (UTF-8, or GB18030 as Excel saves it in China),
/// as rows of text. Refuses what is not such a file, and stops at a row limit, with a Chinese message.
/// </summary>
public static class TableReader
{
    public const long MaxPartCharacters = 200_000_000;

    static TableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEnumerable<TableRow> Read(Stream content, string fileName, int maxRows)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var rows = ext switch
        {
            ".xlsx" => ReadXlsx(content),
            ".csv" => ReadCsv(content),
            _ => throw new ValidationException("file", Messages.Import_UnsupportedType),
        };
        var count = 0;
        foreach (var row in rows)
        {
            if (++count > maxRows) throw new ValidationException("file", string.Format(Messages.Import_TooManyRows, maxRows));
            yield return row;
        }
    }

    private static IEnumerable<TableRow> ReadXlsx(Stream content)
    {
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(content, false, new OpenSettings { MaxCharactersInPart = MaxPartCharacters });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException)
        {
            throw new ValidationException("file", Messages.Import_NotXlsx);
        }
        using (doc)
        {
            var wb = doc.WorkbookPart ?? throw new ValidationException("file", Messages.Import_NotXlsx);
            var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var sheet = wb.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.State is null || s.State.Value == SheetStateValues.Visible)
                ?? throw new ValidationException("file", Messages.Import_NoSheet);
            var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var index = cell.CellReference?.Value is { } r ? ColumnIndex(r) : cells.Count;
                    while (cells.Count < index) cells.Add("");
                    cells.Add(CellText(cell, shared));
                }
                yield return new TableRow((int)(row.RowIndex?.Value ?? 0), cells);
            }
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        if (cell.DataType?.Value == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static IEnumerable<TableRow> ReadCsv(Stream content)
    {
        var bytes = new MemoryStream();
        content.CopyTo(bytes);
        var data = bytes.ToArray();
        if (data.Take(8192).Any(b => b == 0)) throw new ValidationException("file", Messages.Import_NotCsv);
        var number = 0;
        foreach (var record in Csv.Parse(Decode(data))) yield return new TableRow(++number, record);
    }

    private static string Decode(byte[] data)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(data);
        }
    }
}
