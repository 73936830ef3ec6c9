using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Xuncha.Spreadsheets;

/// <summary>
/// Writes one worksheet row by row through OpenXmlWriter with inline strings, so memory stays flat however
/// many rows go out. A title row, a frozen header, and the export trace in the page header and the properties.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const uint StyleHeader = 1, StyleDate = 2, StyleWrap = 3, StyleTitle = 4, StyleText = 5, StyleDateTime = 6;
    private readonly SpreadsheetDocument _doc;
    private readonly OpenXmlWriter _w;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly string _sheetName;
    private readonly string? _title;
    private readonly ExportTrace _trace;
    private uint _row;

    public XlsxWriter(Stream output, string sheetName, string? title, IReadOnlyList<XlsxColumn> columns, ExportTrace trace)
    {
        _columns = columns;
        _sheetName = sheetName;
        _title = title;
        _trace = trace;
        _doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        _doc.PackageProperties.Creator = trace.ExportedBy;
        _doc.PackageProperties.LastModifiedBy = trace.ExportedBy;
        _doc.PackageProperties.Created = trace.At.UtcDateTime;
        _doc.PackageProperties.Modified = trace.At.UtcDateTime;
        _doc.PackageProperties.Title = title ?? sheetName;
        _doc.PackageProperties.Description = trace.Line;
        var wb = _doc.AddWorkbookPart();
        wb.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheet = wb.AddNewPart<WorksheetPart>("rIdSheet1");
        _w = OpenXmlWriter.Create(sheet);
        _w.WriteStartElement(new Worksheet());
        var headerRow = title is null ? 1u : 2u;
        _w.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 }));
        _w.WriteStartElement(new Columns());
        for (var i = 0; i < columns.Count; i++)
            _w.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true });
        _w.WriteEndElement();
        _w.WriteStartElement(new SheetData());
        if (title is not null) Write(StyleTitle, 28, title);
        Write(StyleHeader, 22, columns.Select(c => (object?)c.Header).ToArray());
    }

    public int RowsWritten { get; private set; }

    public void WriteRow(params object?[] values)
    {
        Write(null, null, values);
        RowsWritten++;
    }

    private void Write(uint? style, double? height, params object?[] values)
    {
        _row++;
        var attrs = new List<OpenXmlAttribute> { new("r", "", _row.ToString(CultureInfo.InvariantCulture)) };
        if (height is not null)
        {
            attrs.Add(new OpenXmlAttribute("ht", "", height.Value.ToString(CultureInfo.InvariantCulture)));
            attrs.Add(new OpenXmlAttribute("customHeight", "", "1"));
        }
        _w.WriteStartElement(new Row(), attrs);
        for (var i = 0; i < values.Length; i++)
        {
            var cellStyle = style ?? (i < _columns.Count && _columns[i].Wrap ? StyleWrap : StyleText);
            WriteCell(Reference(i, _row), values[i], cellStyle);
        }
        _w.WriteEndElement();
    }

    private void WriteCell(string reference, object? value, uint style)
    {
        switch (value)
        {
            case null:
                _w.WriteElement(new Cell { CellReference = reference, StyleIndex = style });
                break;
            case int or long or decimal or double:
                _w.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = style, DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                });
                break;
            case DateOnly d:
                _w.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = StyleDate,
                    CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
                });
                break;
            case DateTimeOffset t:
                _w.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = StyleDateTime,
                    CellValue = new CellValue(t.ToLocalTime().DateTime.ToOADate().ToString(CultureInfo.InvariantCulture)),
                });
                break;
            default:
                _w.WriteElement(new Cell(new InlineString(new Text(Clean(value.ToString()!)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
                });
                break;
        }
    }

    public void Dispose()
    {
        _w.WriteEndElement(); // SheetData
        if (_title is not null)
            _w.WriteElement(new MergeCells(new MergeCell { Reference = $"A1:{Reference(_columns.Count - 1, 1)}" }) { Count = 1 });
        _w.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        _w.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9 });
        _w.WriteElement(new HeaderFooter(
            new OddHeader($"&L{Escape(_title ?? _sheetName)}&R{Escape(_trace.Line)}"),
            new OddFooter("&C" + Messages.Export_PageFooter)));
        _w.WriteEndElement(); // Worksheet
        _w.Dispose();

        var wb = _doc.WorkbookPart!;
        var titleRows = _title is null ? "$1:$1" : "$2:$2";
        wb.Workbook = new Workbook(
            new Sheets(new Sheet { Name = SheetName(_sheetName), SheetId = 1, Id = "rIdSheet1" }),
            new DefinedNames(new DefinedName($"'{SheetName(_sheetName)}'!{titleRows}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        wb.Workbook.Save();
        _doc.Dispose();
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "等线" })) { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F1" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(),
            new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
                { NumberFormatId = 164, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true })
                { BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                { FontId = 2, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
                { BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
                { NumberFormatId = 165, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true }) { Count = 7 });

    public static string Reference(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    private static string SheetName(string s) => new string(s.Where(c => "[]:*?/\\'".IndexOf(c) < 0).ToArray()) is { Length: > 0 } n ? n[..Math.Min(31, n.Length)] : "Sheet1";

    private static string Escape(string s) => s.Replace("&", "&&");

    /// <summary>XML cannot carry most control characters; inline strings are never evaluated as formulas.</summary>
    private static string Clean(string s)
    {
        var chars = s.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)).ToArray();
        var clean = chars.Length == s.Length ? s : new string(chars);
        return clean.Length > 32767 ? clean[..32767] : clean;
    }
}
