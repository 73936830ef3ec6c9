using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Xuncha.Spreadsheets;

/// <summary>
/// Writes one worksheet row by row, straight into a zip archive in create mode with an XmlWriter and inline
/// strings, so memory stays flat however many rows go out (the OpenXML SDK's package buffers every part in
/// memory on .NET). A title row, a frozen header, print titles, and the export trace in the page header and
/// the document properties.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const uint StyleHeader = 1, StyleDate = 2, StyleWrap = 3, StyleTitle = 4, StyleText = 5, StyleDateTime = 6;
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly XmlWriter _w;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly string[] _columnNames;
    private readonly string _sheetName;
    private readonly string? _title;
    private readonly ExportTrace _trace;
    private uint _row;
    private bool _disposed;

    public XlsxWriter(Stream output, string sheetName, string? title, IReadOnlyList<XlsxColumn> columns, ExportTrace trace)
    {
        _columns = columns;
        _columnNames = Enumerable.Range(0, Math.Max(columns.Count, 1) + 32).Select(i => Reference(i, 1)[..^1]).ToArray();
        _sheetName = sheetName;
        _title = title;
        _trace = trace;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _w = XmlWriter.Create(_sheetStream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = false });
        _w.WriteStartDocument(true);
        _w.WriteStartElement("worksheet", Main);
        _w.WriteAttributeString("xmlns", "r", null, RelNs);
        var headerRow = title is null ? 1u : 2u;
        Raw(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 }));
        Raw(new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _w.WriteStartElement("sheetData", Main);
        if (title is not null) Write(StyleTitle, 28, title);
        Write(StyleHeader, 22, columns.Select(c => (object?)c.Header).ToArray());
    }

    public int RowsWritten { get; private set; }

    public void WriteRow(params object?[] values)
    {
        Write(null, null, values);
        RowsWritten++;
    }

    private void Raw(OpenXmlElement element) => _w.WriteRaw(element.OuterXml);

    private void Write(uint? style, double? height, params object?[] values)
    {
        _row++;
        var row = _row.ToString(CultureInfo.InvariantCulture);
        _w.WriteStartElement("row", Main);
        _w.WriteAttributeString("r", row);
        if (height is not null)
        {
            _w.WriteAttributeString("ht", height.Value.ToString(CultureInfo.InvariantCulture));
            _w.WriteAttributeString("customHeight", "1");
        }
        for (var i = 0; i < values.Length; i++)
        {
            var cellStyle = style ?? (i < _columns.Count && _columns[i].Wrap ? StyleWrap : StyleText);
            WriteCell(i < _columnNames.Length ? _columnNames[i] + row : Reference(i, _row), values[i], cellStyle);
        }
        _w.WriteEndElement();
    }

    private void WriteCell(string reference, object? value, uint style)
    {
        _w.WriteStartElement("c", Main);
        _w.WriteAttributeString("r", reference);
        switch (value)
        {
            case null:
                _w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
                break;
            case int or long or decimal or double:
                _w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
                _w.WriteElementString("v", Main, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case DateOnly d:
                _w.WriteAttributeString("s", StyleDate.ToString(CultureInfo.InvariantCulture));
                _w.WriteElementString("v", Main, d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset t:
                _w.WriteAttributeString("s", StyleDateTime.ToString(CultureInfo.InvariantCulture));
                _w.WriteElementString("v", Main, _trace.Local(t).DateTime.ToOADate().ToString(CultureInfo.InvariantCulture));
                break;
            default:
                _w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
                _w.WriteAttributeString("t", "inlineStr");
                _w.WriteStartElement("is", Main);
                _w.WriteStartElement("t", Main);
                _w.WriteAttributeString("xml", "space", null, "preserve");
                _w.WriteString(Clean(value.ToString()!));
                _w.WriteEndElement();
                _w.WriteEndElement();
                break;
        }
        _w.WriteEndElement();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _w.WriteEndElement(); // sheetData
        if (_title is not null)
            Raw(new MergeCells(new MergeCell { Reference = $"A1:{Reference(_columns.Count - 1, 1)}" }) { Count = 1 });
        Raw(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        Raw(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9 });
        Raw(new HeaderFooter(new OddHeader($"&L{Escape(_title ?? _sheetName)}&R{Escape(_trace.Line)}"), new OddFooter("&C" + Messages.Export_PageFooter)));
        _w.WriteEndElement(); // worksheet
        _w.WriteEndDocument();
        _w.Dispose();
        _sheetStream.Dispose();

        var sheet = SheetName(_sheetName);
        var titleRows = _title is null ? "$1:$1" : "$2:$2";
        Entry("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
            """);
        Entry("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
            """);
        Entry("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdSheet1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);
        var workbook = new Workbook(
            new Sheets(new Sheet { Name = sheet, SheetId = 1, Id = "rIdSheet1" }),
            new DefinedNames(new DefinedName($"'{sheet}'!{titleRows}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        workbook.AddNamespaceDeclaration("r", RelNs);
        Entry("xl/workbook.xml", Declaration + workbook.OuterXml);
        Entry("xl/styles.xml", Declaration + Styles().OuterXml);
        Entry("docProps/core.xml", CoreProperties());
        _zip.Dispose();
    }

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private void Entry(string name, string content)
    {
        using var s = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        s.Write(new UTF8Encoding(false).GetBytes(content.Trim()));
    }

    /// <summary>Who exported it and when, as Office shows it under File → Info.</summary>
    private string CoreProperties()
    {
        static string E(string s) => System.Security.SecurityElement.Escape(s);
        var at = _trace.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return Declaration + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " +
               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
               $"<dc:title>{E(_title ?? _sheetName)}</dc:title><dc:description>{E(_trace.Line)}</dc:description><dc:creator>{E(_trace.ExportedBy)}</dc:creator>" +
               $"<cp:lastModifiedBy>{E(_trace.ExportedBy)}</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:created>" +
               $"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:modified></cp:coreProperties>";
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
