using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Xuncha.Common;
using Xuncha.Documents;
using Xuncha.Spreadsheets;
using Xuncha.Testing;

namespace Xuncha.UnitTests;

public class DocumentTests
{
    private static readonly ExportTrace Trace = new("王晓", new DateTimeOffset(2025, 3, 31, 2, 2, 0, TimeSpan.Zero), ManualClock.China);

    private static byte[] Render(byte[] template, DocScope scope)
    {
        using var output = new MemoryStream();
        DocxTemplate.Render(new MemoryStream(template), scope, Trace, output);
        return output.ToArray();
    }

    private static string BodyText(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_default_template_renders_valid_and_fills_every_placeholder(DocumentKind kind)
    {
        var docx = Render(DocumentKinds.Default(kind), DocumentSamples.For(kind));
        OfficeChecks.AssertValid(docx, kind + ".docx");
        var text = BodyText(docx);
        text.ShouldNotContain("{{");
        text.ShouldContain("〔");
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        doc.PackageProperties.Creator.ShouldBe("王晓");
        doc.PackageProperties.Description.ShouldBe(Trace.Line);
        doc.MainDocumentPart!.FooterParts.ShouldAllBe(f => f.Footer.InnerText.Contains(Trace.Line));
        Trace.Line.ShouldBe("王晓 导出于 2025-03-31 10:02"); // the office's time, whatever the machine's zone
    }

    public static TheoryData<DocumentKind> Kinds() => new(Enum.GetValues<DocumentKind>());

    [Fact]
    public void The_default_layout_follows_GB_T_9704()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(DocumentKinds.Default(DocumentKind.Feedback)), false);
        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var margin = section.GetFirstChild<PageMargin>()!;
        // 37 mm, 35 mm, 28 mm, 26 mm in twentieths of a point
        ((int)margin.Top!.Value / 56.7).ShouldBe(37, 0.2);
        ((int)margin.Bottom!.Value / 56.7).ShouldBe(35, 0.2);
        (margin.Left!.Value / 56.7).ShouldBe(28, 0.2);
        (margin.Right!.Value / 56.7).ShouldBe(26, 0.2);
        section.GetFirstChild<PageSize>()!.Width!.Value.ShouldBe(11906u);
        var styles = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!;
        var title = styles.Elements<Style>().Single(s => s.StyleId == "DocTitle");
        title.StyleRunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("方正小标宋简体");
        title.StyleRunProperties.FontSize!.Val!.Value.ShouldBe("44"); // 二号 22 pt
        var body = styles.Elements<Style>().Single(s => s.StyleId == "Normal");
        body.StyleRunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        body.StyleRunProperties.FontSize!.Val!.Value.ShouldBe("32"); // 三号 16 pt
        // page numbers "— 1 —" on odd and even pages
        doc.MainDocumentPart.FooterParts.Count().ShouldBe(2);
        doc.MainDocumentPart.FooterParts.ShouldAllBe(f => f.Footer.InnerText.Contains("—"));
        doc.MainDocumentPart.FontTablePart!.Fonts!.Elements<Font>().Single(f => f.Name == "仿宋_GB2312").AltName!.Val!.Value.ShouldBe("仿宋");
    }

    [Fact]
    public void Blocks_repeat_and_nest_and_table_rows_repeat()
    {
        var template = new OfficialDocument().Title("{{标题}}")
            .Marker("{{#类别}}").Heading2("（{{类别序号}}）{{类别名称}}")
            .Marker("{{#问题}}").Para("{{序号}}. {{问题标题}}（{{组名}}）").Marker("{{/问题}}")
            .Marker("{{/类别}}")
            .Table(["序号", "措施"], ["{{#任务}}{{序号}}", "{{整改措施}}"], [1, 4])
            .Build();
        var scope = new DocScope().Set("标题", "测试").Set("组名", "第一巡察组")
            .List("类别", [
                new DocScope().Set("类别序号", "一").Set("类别名称", "政治建设").List("问题", [new DocScope().Set("序号", 1).Set("问题标题", "甲"), new DocScope().Set("序号", 2).Set("问题标题", "乙")]),
                new DocScope().Set("类别序号", "二").Set("类别名称", "作风建设").List("问题", [new DocScope().Set("序号", 3).Set("问题标题", "丙")]),
            ])
            .List("任务", [new DocScope().Set("序号", 1).Set("整改措施", "措施A"), new DocScope().Set("序号", 2).Set("整改措施", "措施B")]);
        var docx = Render(template, scope);
        OfficeChecks.AssertValid(docx, "t.docx");
        var lines = BodyText(docx).Split('\n').Where(l => l.Length > 0).ToList();
        lines.ShouldBe(["测试", "（一）政治建设", "1. 甲（第一巡察组）", "2. 乙（第一巡察组）", "（二）作风建设", "3. 丙（第一巡察组）",
            "序号", "措施", "1", "措施A", "2", "措施B"]);
    }

    [Fact]
    public void A_placeholder_split_across_runs_by_Word_is_still_filled()
    {
        var template = new OfficialDocument().Para("X").Build();
        using var ms = new MemoryStream();
        ms.Write(template);
        using (var doc = WordprocessingDocument.Open(ms, true))
        {
            var p = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().First();
            p.RemoveAllChildren<Run>();
            p.Append(new Run(new RunProperties(new Bold()), new Text("致{{被巡")), new Run(new Text("察单")), new Run(new Text("位}}：")));
            doc.MainDocumentPart.Document.Save();
        }
        var docx = Render(ms.ToArray(), new DocScope().Set("被巡察单位", "化学化工学院党委"));
        BodyText(docx).ShouldStartWith("致化学化工学院党委：");
        using var check = WordprocessingDocument.Open(new MemoryStream(docx), false);
        check.MainDocumentPart!.Document.Body!.Elements<Paragraph>().First().Descendants<Bold>().ShouldNotBeEmpty();
    }

    [Fact]
    public void An_uploaded_template_with_unknown_placeholders_or_not_a_docx_is_refused()
    {
        var typo = new OfficialDocument().Title("{{巡察对像}}").Para("{{#类别}}").Build();
        Should.Throw<ValidationException>(() => TemplateService.Check(DocumentKind.GroupReport, typo)).Errors["file"][0].ShouldContain("{{巡察对像}}");
        Should.Throw<ValidationException>(() => TemplateService.Check(DocumentKind.Feedback, "%PDF-1.7 not a docx"u8.ToArray()))
            .Errors["file"][0].ShouldContain(".docx");
        Should.Throw<ValidationException>(() => TemplateService.Check(DocumentKind.Feedback, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]))
            .Errors["file"][0].ShouldContain("加密");
        // a workbook renamed .docx is a zip but not a Word document
        using var xlsx = new MemoryStream();
        using (var x = new XlsxWriter(xlsx, "表", null, [new("甲")], Trace)) x.WriteRow("1");
        Should.Throw<ValidationException>(() => TemplateService.Check(DocumentKind.Feedback, xlsx.ToArray())).Errors["file"][0].ShouldContain(".docx");
    }

    [Fact]
    public void An_uploaded_template_that_leaves_out_the_problems_is_kept_with_a_warning()
    {
        var bare = new OfficialDocument().Title("{{组名}}关于巡察{{被巡察单位}}的反馈意见").Para("（正文）").Build();
        var warnings = TemplateService.Check(DocumentKind.Feedback, bare);
        warnings.Single().ShouldContain("{{问题}}");
        TemplateService.Check(DocumentKind.Feedback, DocumentKinds.Default(DocumentKind.Feedback)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(37, "三十七")]
    public void Parts_are_numbered_in_Chinese(int n, string text) => Numerals.Chinese(n).ShouldBe(text);

    [Fact]
    public async Task LibreOffice_opens_every_document_and_page_one_shows_the_Chinese_title()
    {
        var files = Enum.GetValues<DocumentKind>().ToDictionary(k => k + ".docx", k =>
        {
            var scope = DocumentSamples.For(k).Set("标题", "示例").Set("党委名称", "中共示范大学委员会").Set("轮次名称", "2025年第一轮巡察")
                .Set("组名", "第一巡察组").Set("被巡察单位", "化学化工学院党委").Set("巡察对象", "化学化工学院党委");
            return Render(DocumentKinds.Default(k), scope);
        });
        using (var xlsx = new MemoryStream())
        {
            using (var x = new XlsxWriter(xlsx, "整改台账", "巡察整改台账", [new("序号", 6), new("反馈问题", 40, Wrap: true), new("完成时限", 12)], Trace))
            {
                x.WriteRow(1, "理论学习中心组学习不深入", new DateOnly(2025, 6, 30));
                x.WriteRow(2, "“三重一大”决策制度执行不到位", "长期坚持");
            }
            files["ledger.xlsx"] = xlsx.ToArray();
        }
        var pdfs = await OfficeChecks.ToPdfAsync(files);
        foreach (var (name, pdf) in pdfs) (await OfficeChecks.PdfPagesAsync(pdf)).ShouldBeGreaterThan(0, name);

        var feedback = pdfs["Feedback.docx"];
        var page1 = await OfficeChecks.PdfTextAsync(feedback, 1);
        page1.Replace(" ", "").Replace("\n", "").ShouldContain("第一巡察组关于巡察化学化工学院党委的反馈意见");
        page1.ShouldContain("王晓 导出于 2025-03-31");
        var image = await OfficeChecks.RenderPage1Async(feedback);
        // the title is set in the upper part of the page, centred, in large characters: ink in the band, none in the left margin
        image.DarkShare(0.08, 0.16, 0.2, 0.8).ShouldBeGreaterThan(0.02);
        image.DarkShare(0.08, 0.16, 0, 0.08).ShouldBe(0);
        (await OfficeChecks.PdfTextAsync(pdfs["ledger.xlsx"])).ShouldContain("三重一大");
    }
}
