using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Xuncha.Testing;

/// <summary>A formula cell: its text and the value Excel calculated (none when a program wrote the file).</summary>
public sealed record Formula(string Text, string? Cached = null);

/// <summary>
/// Builds workbooks the way offices and their tools really write them: shared strings, a title merged across
/// the top, blank rows, cells merged down over several rows, real dates (numbers with a date format), text
/// dates, formulas, hidden sheets. And hostile files: a zip bomb, a million rows, an OLE compound file.
/// </summary>
public sealed class MessyWorkbook
{
    private sealed record SheetSpec(string Name, SheetStateValues? State, List<(int Row, object?[] Cells)> Rows, List<string> Merges);

    private readonly List<SheetSpec> _sheets = [];

    public MessyWorkbook Sheet(string name, bool hidden = false)
    {
        _sheets.Add(new SheetSpec(name, hidden ? SheetStateValues.Hidden : null, [], []));
        return this;
    }

    /// <summary>A row at the next row number (or at <paramref name="at"/>, leaving blank rows between).</summary>
    public MessyWorkbook Row(params object?[] cells) => RowAt(null, cells);

    public MessyWorkbook RowAt(int? at, params object?[] cells)
    {
        var s = _sheets[^1];
        var number = at ?? (s.Rows.Count == 0 ? 1 : s.Rows[^1].Row + 1);
        s.Rows.Add((number, cells));
        return this;
    }

    public MessyWorkbook Merge(string range)
    {
        _sheets[^1].Merges.Add(range);
        return this;
    }

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var strings = new List<string>();
            int Shared(string s)
            {
                var i = strings.IndexOf(s);
                if (i >= 0) return i;
                strings.Add(s);
                return strings.Count - 1;
            }
            // style 1: a date in a Chinese custom format; style 2: the built-in short date (14)
            wb.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 176, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 }, new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 176, ApplyNumberFormat = true }, new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 3 });
            var sheets = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var spec in _sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var (number, cells) in spec.Rows)
                {
                    var row = new Row { RowIndex = (uint)number };
                    for (var c = 0; c < cells.Length; c++)
                    {
                        if (cells[c] is null) continue;
                        var cell = new Cell { CellReference = Spreadsheets.XlsxWriter.Reference(c, (uint)number) };
                        switch (cells[c])
                        {
                            case DateOnly d:
                                cell.StyleIndex = number % 2 == 0 ? 1u : 2u;
                                cell.CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                                break;
                            case int or double or decimal:
                                cell.CellValue = new CellValue(Convert.ToString(cells[c], CultureInfo.InvariantCulture)!);
                                break;
                            case Formula f:
                                cell.CellFormula = new CellFormula(f.Text);
                                if (f.Cached is not null)
                                {
                                    cell.DataType = CellValues.String;
                                    cell.CellValue = new CellValue(f.Cached);
                                }
                                break;
                            default:
                                cell.DataType = CellValues.SharedString;
                                cell.CellValue = new CellValue(Shared(cells[c]!.ToString()!).ToString(CultureInfo.InvariantCulture));
                                break;
                        }
                        row.AppendChild(cell);
                    }
                    data.AppendChild(row);
                }
                var ws = new Worksheet(data);
                if (spec.Merges.Count > 0) ws.AppendChild(new MergeCells(spec.Merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)spec.Merges.Count });
                part.Worksheet = ws;
                sheets.AppendChild(new Sheet { Name = spec.Name, SheetId = id++, Id = wb.GetIdOfPart(part), State = spec.State });
            }
            wb.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        }
        return ms.ToArray();
    }

    /// <summary>A workbook whose one sheet unpacks to <paramref name="megabytes"/> MB of spaces: a zip bomb.</summary>
    public static byte[] ZipBomb(int megabytes = 420)
    {
        var valid = new MessyWorkbook().Sheet("Sheet1").Row("反馈问题", "整改措施").Build();
        using var ms = new MemoryStream();
        ms.Write(valid);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheetEntry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheetEntry.FullName;
            sheetEntry.Delete();
            var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            using var s = entry.Open();
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            s.Write("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
            for (var i = 0; i < megabytes; i++) s.Write(chunk);
            s.Write("</sheetData></worksheet>"u8);
        }
        return ms.ToArray();
    }

    /// <summary>A workbook of <paramref name="rows"/> rows, its sheet written as raw XML (as fast as a program can).</summary>
    public static byte[] ManyRows(int rows)
    {
        var valid = new MessyWorkbook().Sheet("Sheet1").Row("反馈问题", "整改措施").Build();
        using var ms = new MemoryStream();
        ms.Write(valid);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheetEntry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheetEntry.FullName;
            sheetEntry.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            w.Write("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            w.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>反馈问题</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>整改措施</t></is></c></row>");
            for (var i = 2; i <= rows; i++)
                w.Write($"<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>问题{i}</t></is></c><c r=\"B{i}\"><v>{i}</v></c></row>");
            w.Write("</sheetData></worksheet>");
        }
        return ms.ToArray();
    }

    /// <summary>The first bytes of an OLE compound file: what a password-protected .xlsx (or an old .xls) is.</summary>
    public static byte[] CompoundFile() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4096]];
}
