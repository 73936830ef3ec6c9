using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Xuncha.Documents;

/// <summary>
/// Builds a .docx laid out as a GB/T 9704-2012 official document: A4; margins 37 mm top, 35 mm bottom, 28 mm
/// left, 26 mm right; the title in 方正小标宋简体 二号 centred; the body in 仿宋_GB2312 三号, 22 lines of 28
/// characters (fixed 28.9 pt line pitch), first lines indented two characters; 一级标题 in 黑体, 二级 in
/// 楷体_GB2312; page numbers "— 1 —" in 四号 宋体, odd pages on the right and even pages on the left. Each font
/// names its common fallback (仿宋, 宋体, 楷体) for computers without the GB2312 fonts. Used for the default
/// templates; what it writes may hold placeholders.
/// </summary>
public sealed class OfficialDocument
{
    public const string Fangsong = "仿宋_GB2312", Xiaobiaosong = "方正小标宋简体", Heiti = "黑体", Kaiti = "楷体_GB2312", Songti = "宋体";

    // twentieths of a point: 1 mm = 56.7 twips
    private const int Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, LinePitch = 579;

    private readonly List<OpenXmlElement> _body = [];

    public OfficialDocument Title(string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "DocTitle" }), Run(text)));
        return this;
    }

    /// <summary>Addressee line (主送机关): flush left, no indent, followed by a colon.</summary>
    public OfficialDocument Addressee(string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Addressee" }), Run(text)));
        return this;
    }

    public OfficialDocument Para(string text)
    {
        _body.Add(new Paragraph(Run(text)));
        return this;
    }

    public OfficialDocument Heading1(string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), Run(text)));
        return this;
    }

    public OfficialDocument Heading2(string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading2" }), Run(text)));
        return this;
    }

    /// <summary>A paragraph holding only <c>{{#name}}</c> or <c>{{/name}}</c>: the template engine's block markers.</summary>
    public OfficialDocument Marker(string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Plain" }), Run(text)));
        return this;
    }

    /// <summary>A centred paragraph with single (auto) line spacing, so that a picture in it is not clipped by the fixed line height.</summary>
    public OfficialDocument Centered(string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Plain" }, new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = JustificationValues.Center }), Run(text)));
        return this;
    }

    /// <summary>The signing organisation and the date, right-aligned, as GB/T 9704 places them.</summary>
    public OfficialDocument Signature(string organisation, string date)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Plain" })));
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Signature" }), Run(organisation)));
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Signature" }), Run(date)));
        return this;
    }

    public OfficialDocument PageBreak()
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Plain" }), new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>
    /// A table in 仿宋 小四: a header row, then one row of cells (which may repeat through <c>{{#list}}</c>).
    /// Widths are shares of the text width.
    /// </summary>
    public OfficialDocument Table(IReadOnlyList<string> headers, IReadOnlyList<string> cells, IReadOnlyList<int> shares)
    {
        const int textWidth = 11906 - Left - Right; // A4 width in twips minus margins
        var total = shares.Sum();
        var widths = shares.Select(s => textWidth * s / total).ToList();
        var table = new Table(new TableProperties(new TableWidth { Width = textWidth.ToString(), Type = TableWidthUnitValues.Dxa }, Borders(),
            new TableLayout { Type = TableLayoutValues.Fixed }, new TableLook { Val = "04A0" }));
        table.AppendChild(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        table.AppendChild(Row(headers, widths, header: true));
        table.AppendChild(Row(cells, widths, header: false));
        _body.Add(table);
        return this;
    }

    /// <summary>A form: label cells on the left (黑体), values on the right; no header row.</summary>
    public OfficialDocument Form(IReadOnlyList<(string Label, string Value)> rows)
    {
        const int textWidth = 11906 - Left - Right;
        var widths = new List<int> { textWidth / 4, textWidth - textWidth / 4 };
        var table = new Table(new TableProperties(new TableWidth { Width = textWidth.ToString(), Type = TableWidthUnitValues.Dxa }, Borders(),
            new TableLayout { Type = TableLayoutValues.Fixed }, new TableLook { Val = "04A0" }));
        table.AppendChild(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        foreach (var (label, value) in rows)
            table.AppendChild(new TableRow(new TableRowProperties(new TableRowHeight { Val = 680, HeightType = HeightRuleValues.AtLeast }, new CantSplit()),
                new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[0].ToString(), Type = TableWidthUnitValues.Dxa },
                        new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                    new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableHead" }), Run(label))),
                new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[1].ToString(), Type = TableWidthUnitValues.Dxa },
                        new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                    new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }), Run(value)))));
        _body.Add(table);
        return this;
    }

    /// <summary>Single lines all round and inside, in the schema's order (top, left, bottom, right, inside).</summary>
    private static TableBorders Borders() => new(
        new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
        new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });

    private static TableRow Row(IReadOnlyList<string> texts, List<int> widths, bool header)
    {
        var row = new TableRow();
        if (header) row.AppendChild(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var i = 0; i < texts.Count; i++)
            row.AppendChild(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = header ? "TableHead" : "TableText" }), Run(texts[i]))));
        return row;
    }

    private static Run Run(string text)
    {
        var run = new Run();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.AppendChild(new Break());
            run.AppendChild(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<FontTablePart>().Fonts = FontTable();
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new DefaultTabStop { Val = 420 }, new EvenAndOddHeaders(),
                new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation });
            var odd = main.AddNewPart<FooterPart>();
            odd.Footer = PageNumberFooter(JustificationValues.Right);
            var even = main.AddNewPart<FooterPart>();
            even.Footer = PageNumberFooter(JustificationValues.Left);
            var section = new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(odd) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(even) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = Top, Bottom = Bottom, Left = (uint)Left, Right = (uint)Right, Header = 851, Footer = 992, Gutter = 0 },
                new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LinePitch, CharacterSpace = 0 });
            main.Document = new Document(new Body(_body.Select(e => e.CloneNode(true)).Append(section)));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    /// <summary>"— 1 —" in 四号 宋体 (half-width), one character in from the outer edge.</summary>
    private static Footer PageNumberFooter(JustificationValues side)
    {
        RunProperties Props() => new(new RunFonts { Ascii = Songti, HighAnsi = Songti, EastAsia = Songti }, new FontSize { Val = "28" });
        var indent = side == JustificationValues.Right ? new Indentation { Right = "280" } : new Indentation { Left = "280" };
        return new Footer(new Paragraph(
            new ParagraphProperties(indent, new Justification { Val = side }),
            new Run(Props(), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(Props(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(Props(), new Text("1")),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(Props(), new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
    }

    private static Styles Styles()
    {
        static RunFonts Fonts(string eastAsia) => new() { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsia, ComplexScript = "Times New Roman" };
        static Style Para(string id, string name, string font, int halfPoints, JustificationValues? justify = null, bool indent = true, bool bold = false,
            int? exactLine = LinePitch, int? after = null)
        {
            // element order follows the schema: spacing, ind, jc; rFonts, b, sz, szCs
            var pPr = new StyleParagraphProperties();
            // a title and table text keep their own line height instead of snapping to the 28.9 pt grid
            if (exactLine is null) pPr.AppendChild(new SnapToGrid { Val = false });
            pPr.AppendChild(new SpacingBetweenLines
            {
                Before = "0", After = (after ?? 0).ToString(), Line = (exactLine ?? 240).ToString(),
                LineRule = exactLine is null ? LineSpacingRuleValues.Auto : LineSpacingRuleValues.Exact,
            });
            pPr.AppendChild(indent ? new Indentation { FirstLine = "640", FirstLineChars = 200 } : new Indentation { FirstLine = "0", FirstLineChars = 0 });
            if (justify is { } j) pPr.AppendChild(new Justification { Val = j });
            var rPr = new StyleRunProperties(Fonts(font));
            if (bold) rPr.AppendChild(new Bold());
            rPr.AppendChild(new FontSize { Val = halfPoints.ToString() });
            rPr.AppendChild(new FontSizeComplexScript { Val = halfPoints.ToString() });
            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new PrimaryStyle(), pPr, rPr)
                { Type = StyleValues.Paragraph, StyleId = id };
        }

        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(Fangsong), new FontSize { Val = "32" }, new FontSizeComplexScript { Val = "32" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact },
                    new Indentation { FirstLine = "640", FirstLineChars = 200 }, new Justification { Val = JustificationValues.Both }),
                new StyleRunProperties(Fonts(Fangsong), new FontSize { Val = "32" }, new FontSizeComplexScript { Val = "32" }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Para("DocTitle", "公文标题", Xiaobiaosong, 44, JustificationValues.Center, indent: false, exactLine: null, after: 580),
            Para("Addressee", "主送机关", Fangsong, 32, indent: false),
            Para("Heading1", "一级标题", Heiti, 32),
            Para("Heading2", "二级标题", Kaiti, 32),
            Para("Signature", "发文机关署名", Fangsong, 32, JustificationValues.Right, indent: false),
            Para("Plain", "无缩进", Fangsong, 32, indent: false),
            Para("TableHead", "表头", Heiti, 24, JustificationValues.Center, indent: false, exactLine: null),
            Para("TableText", "表格文字", Fangsong, 24, JustificationValues.Left, indent: false, exactLine: null));
    }

    private static Fonts FontTable()
    {
        static Font F(string name, string alt, string family) => new(new AltName { Val = alt }, new FontCharSet { Val = "86" },
            new FontFamily { Val = family == "modern" ? FontFamilyValues.Modern : family == "script" ? FontFamilyValues.Script : FontFamilyValues.Roman },
            new Pitch { Val = FontPitchValues.Variable }) { Name = name };
        return new Fonts(F(Fangsong, "仿宋", "modern"), F(Xiaobiaosong, "宋体", "roman"), F(Heiti, "SimHei", "modern"), F(Kaiti, "楷体", "script"),
            F(Songti, "SimSun", "roman"), new Font { Name = "Times New Roman" });
    }
}
