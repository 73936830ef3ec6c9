using System.Text;
using Xuncha.Common;
using Xuncha.Spreadsheets;

namespace Xuncha.UnitTests;

public class SpreadsheetTests
{
    [Fact]
    public void Csv_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var rows = Csv.Parse("名称,书记\r\n\"财务处,党总支\",\"郑\"\"永\"\"生\"\n\"两行\n文字\",x").ToList();
        rows.Count.ShouldBe(3);
        rows[1].ShouldBe(["财务处,党总支", "郑\"永\"生"]);
        rows[2][0].ShouldBe("两行\n文字");
        Csv.Field("=1+1").ShouldBe("'=1+1");
        Csv.Field("a,b").ShouldBe("\"a,b\"");
    }

    [Fact]
    public void Csv_saved_by_Chinese_Excel_in_GB18030_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("名称,类型\n财务处党总支,党总支\n");
        var rows = TableReader.Read(new MemoryStream(bytes), "机构.csv", 100).ToList();
        rows[1].Cells.ShouldBe(["财务处党总支", "党总支"]);
    }

    [Fact]
    public void Utf8_with_bom_is_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("名称,类型\n")).ToArray();
        TableReader.Read(new MemoryStream(bytes), "a.csv", 10).First().Cells[0].ShouldBe("名称");
    }

    [Theory]
    [InlineData("org.txt", "只支持")]
    [InlineData("org.xlsx", "不是有效的 Excel")]
    public void Other_files_are_refused_clearly(string name, string message)
    {
        var e = Should.Throw<ValidationException>(() => TableReader.Read(new MemoryStream("not a workbook"u8.ToArray()), name, 10).ToList());
        e.Errors["file"][0].ShouldContain(message);
    }

    [Fact]
    public void Binary_renamed_csv_is_refused()
    {
        var e = Should.Throw<ValidationException>(() => TableReader.Read(new MemoryStream([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), "a.csv", 10).ToList());
        e.Errors["file"][0].ShouldContain("CSV");
    }

    [Fact]
    public void Row_limit_stops_reading()
    {
        var text = "名称\n" + string.Concat(Enumerable.Repeat("x\n", 20));
        Should.Throw<ValidationException>(() => TableReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "a.csv", 10).ToList())
            .Errors["file"][0].ShouldContain("10");
    }

    [Fact]
    public void Written_workbook_reads_back_with_its_trace()
    {
        using var ms = new MemoryStream();
        var trace = new ExportTrace("王晓", new DateTimeOffset(2025, 3, 31, 2, 2, 0, TimeSpan.Zero));
        using (var x = new XlsxWriter(ms, "组织机构", "党组织机构表", [new("名称"), new("编码"), new("日期"), new("数")], trace))
        {
            x.WriteRow("财务处党总支", "CWC", new DateOnly(2025, 3, 31), 3);
            x.WriteRow("=SUM(1)", null, null, 2.5);
        }
        ms.Position = 0;
        var rows = TableReader.Read(ms, "a.xlsx", 100).ToList();
        rows[0].Cells[0].ShouldBe("党组织机构表");
        rows[1].Cells.ShouldBe(["名称", "编码", "日期", "数"]);
        rows[2].Cells[0].ShouldBe("财务处党总支");
        rows[2].Cells[2].ShouldBe("2025-03-31"); // a date cell reads back as the date it shows
        rows[3].Cells[0].ShouldBe("=SUM(1)"); // text, never a formula

        ms.Position = 0;
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(ms, false);
        doc.PackageProperties.Creator.ShouldBe("王晓");
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.OddHeader>().Single().Text.ShouldContain("王晓 导出于 ");
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void Header_row_is_found_below_a_title_with_synonyms_and_full_width_text()
    {
        var name = new ImportColumn("名称", true, "组织名称");
        var code = new ImportColumn("编码", true, "代码");
        var rows = new List<TableRow>
        {
            new(1, ["明德大学党组织一览表"]),
            new(2, []),
            new(3, ["序号", " 组织名称 *", "代码（必填）"]),
            new(4, ["1", "财务处党总支", "ＣＷＣ１"]),
        };
        var map = HeaderMap.Find(rows, [name, code])!;
        map.RowNumber.ShouldBe(3);
        map.Get(rows[3], name).ShouldBe("财务处党总支");
        map.Get(rows[3], code).ShouldBe("CWC1");
        HeaderMap.Normalize("\u3000ａｂｃ１２３\u3000").ShouldBe("abc123");
    }
}
