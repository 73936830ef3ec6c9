using System.Globalization;
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
/// Reads an .xlsx worksheet, or a .csv (UTF-8, or GB18030 as Excel saves it in China), as rows of text, the way
/// offices write them: hidden sheets are skipped and the first visible sheet that holds the table is taken; a
/// merged cell gives its value to every cell it covers (a problem spanning several task rows); a number formatted
/// as a date reads as yyyy-MM-dd; a formula reads as the value Excel calculated, and one without a value is
/// refused. Encrypted workbooks, old .xls files, renamed files, zip bombs and too many rows get a Chinese message;
/// rows stream one at a time, so memory stays flat.
/// </summary>
public static class TableReader
{
    public const long MaxPartCharacters = 200_000_000;
    private const int LeadingRows = 20;

    static TableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="isTable">Given the leading rows of a sheet, whether it is the one to read (the first visible sheet when none is).</param>
    /// <param name="slack">Rows allowed beyond <paramref name="maxRows"/> for a title, notes and blank rows.</param>
    public static IEnumerable<TableRow> Read(Stream content, string fileName, int maxRows, Func<IReadOnlyList<TableRow>, bool>? isTable = null, int slack = 0)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var rows = ext switch
        {
            ".xlsx" => ReadXlsx(content, isTable),
            ".csv" => ReadCsv(content),
            ".xls" or ".et" or ".wps" => throw new ValidationException("file", Messages.Import_OldExcel),
            _ => throw new ValidationException("file", Messages.Import_UnsupportedType),
        };
        var count = 0;
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (Exception x) when (x is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException)
            {
                // a part larger than it claimed, or XML that is not what a workbook holds
                throw new ValidationException("file", Messages.Import_NotXlsx);
            }
            if (++count > maxRows + slack) throw new ValidationException("file", string.Format(Messages.Import_TooManyRows, maxRows));
            yield return e.Current;
        }
    }

    private static IEnumerable<TableRow> ReadXlsx(Stream content, Func<IReadOnlyList<TableRow>, bool>? isTable)
    {
        PackageGuard.Check(content, Messages.Import_NotXlsx, Messages.Import_Encrypted);
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(content, false, new OpenSettings { MaxCharactersInPart = MaxPartCharacters });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException
                                      or InvalidOperationException)
        {
            throw new ValidationException("file", Messages.Import_NotXlsx);
        }
        using (doc)
        {
            var wb = doc.WorkbookPart ?? throw new ValidationException("file", Messages.Import_NotXlsx);
            if (doc.DocumentType == SpreadsheetDocumentType.MacroEnabledWorkbook) throw new ValidationException("file", Messages.Import_NotXlsx);
            var context = new SheetContext(SharedStrings(wb), DateStyles(wb));
            var sheets = (wb.Workbook.Sheets?.Elements<Sheet>() ?? [])
                .Where(s => s.State is null || s.State.Value == SheetStateValues.Visible)
                .Select(s => s.Id?.Value is { } id && wb.TryGetPartById(id, out var p) ? p as WorksheetPart : null)
                .OfType<WorksheetPart>().ToList();
            if (sheets.Count == 0) throw new ValidationException("file", Messages.Import_NoSheet);
            var chosen = sheets[0];
            if (isTable is not null && sheets.Count > 1)
                chosen = sheets.FirstOrDefault(s => isTable(Rows(s, context, []).Take(LeadingRows).ToList())) ?? sheets[0];
            foreach (var row in Rows(chosen, context, MergedRanges(chosen))) yield return row;
        }
    }

    private sealed record SheetContext(string[] Shared, HashSet<uint> DateStyles);

    private sealed record Range(int Row1, int Col1, int Row2, int Col2)
    {
        public string? Value { get; set; }
    }

    private static IEnumerable<TableRow> Rows(WorksheetPart part, SheetContext context, List<Range> merged)
    {
        var byStart = merged.ToLookup(r => r.Row1);
        var active = new List<Range>();
        var number = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            number = (int)(row.RowIndex?.Value ?? (uint)(number + 1));
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = cell.CellReference?.Value is { } r ? ColumnIndex(r) : cells.Count;
                if (index < cells.Count || index > 16_384) continue;
                while (cells.Count < index) cells.Add("");
                cells.Add(CellText(cell, context));
            }
            if (merged.Count > 0)
            {
                active.RemoveAll(r => r.Row2 < number);
                foreach (var r in byStart[number])
                {
                    r.Value = r.Col1 < cells.Count ? cells[r.Col1] : "";
                    active.Add(r);
                }
                foreach (var r in active)
                    for (var c = r.Col1; c <= r.Col2; c++)
                    {
                        while (cells.Count <= c) cells.Add("");
                        if (cells[c].Length == 0) cells[c] = r.Value ?? "";
                    }
            }
            yield return new TableRow(number, cells);
        }
    }

    /// <summary>The merged ranges come after the cells in the sheet's XML: a first pass collects them.</summary>
    private static List<Range> MergedRanges(WorksheetPart part)
    {
        var ranges = new List<Range>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SheetData) && reader.IsStartElement)
            {
                reader.Skip();
                continue;
            }
            if (reader.ElementType != typeof(MergeCell) || !reader.IsStartElement) continue;
            var reference = ((MergeCell)reader.LoadCurrentElement()!).Reference?.Value;
            if (reference?.Split(':') is [var from, var to])
            {
                var (r1, c1) = (RowIndex(from), ColumnIndex(from));
                var (r2, c2) = (RowIndex(to), ColumnIndex(to));
                if (r1 > 0 && r2 >= r1 && c2 >= c1 && c2 - c1 < 100) ranges.Add(new Range(r1, c1, r2, c2));
            }
        }
        return ranges;
    }

    private static string[] SharedStrings(WorkbookPart wb)
    {
        if (wb.SharedStringTablePart is not { } part) return [];
        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var item = (SharedStringItem)reader.LoadCurrentElement()!;
                // phonetic runs (rPh) are not part of the text
                strings.Add(item.Text?.Text ?? string.Concat(item.Elements<DocumentFormat.OpenXml.Spreadsheet.Run>().Select(r => r.Text?.Text)));
            }
        return [.. strings];
    }

    /// <summary>The cell formats whose number format shows a date: the built-in ones, and custom ones that write y, m or d.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart wb)
    {
        var result = new HashSet<uint>();
        var sheet = wb.WorkbookStylesPart?.Stylesheet;
        if (sheet?.CellFormats is null) return result;
        var custom = sheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => IsDateFormat(f.FormatCode?.Value ?? "")) ?? [];
        uint index = 0;
        foreach (var xf in sheet.CellFormats.Elements<CellFormat>())
        {
            var id = xf.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 17 or 22 or >= 27 and <= 36 or >= 50 and <= 58 || custom.GetValueOrDefault(id)) result.Add(index);
            index++;
        }
        return result;
    }

    private static bool IsDateFormat(string code)
    {
        var plain = new StringBuilder();
        var quoted = false;
        var bracket = false;
        foreach (var c in code)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == '[') bracket = true;
            else if (!quoted && c == ']') bracket = false;
            else if (!quoted && !bracket) plain.Append(char.ToLowerInvariant(c));
        }
        var s = plain.ToString();
        return s.Contains('y') || s.Contains('d') || (s.Contains('m') && !s.Contains('h') && !s.Contains('s')) || s.Contains('年') || s.Contains('日');
    }

    private static string CellText(Cell cell, SheetContext context)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return cell.InlineString?.Text?.Text ?? cell.InlineString?.InnerText ?? "";
        var raw = cell.CellValue?.Text ?? "";
        if (cell.CellFormula is not null && raw.Length == 0)
            throw new ValidationException("file", string.Format(Messages.Import_FormulaWithoutValue, cell.CellReference?.Value, cell.CellFormula.Text));
        if (type == CellValues.Error)
            throw new ValidationException("file", string.Format(Messages.Import_ErrorValue, cell.CellReference?.Value, raw));
        if (type == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < context.Shared.Length ? context.Shared[i] : "";
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type is null || type == CellValues.Number)
        {
            if (cell.StyleIndex?.Value is { } style && context.DateStyles.Contains(style)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2_958_466)
                return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static int RowIndex(string reference) =>
        int.TryParse(reference.AsSpan(reference.TakeWhile(char.IsAsciiLetter).Count()), CultureInfo.InvariantCulture, out var r) ? r : 0;

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
