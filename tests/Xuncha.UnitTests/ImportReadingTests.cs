using System.Diagnostics;
using Xuncha.Common;
using Xuncha.Rectification;
using Xuncha.Spreadsheets;
using Xuncha.Testing;

namespace Xuncha.UnitTests;

/// <summary>Workbooks as offices write them are read right; hostile ones are refused clearly, without a crash and in bounded memory.</summary>
public class ImportReadingTests
{
    private static readonly ImportColumn[] Columns =
    [
        new("反馈问题", true, "问题"), new("整改措施", true), new("完成时限", true, "整改时限", "完成时间"), new("牵头单位", true, "责任单位"),
    ];

    private static ImportTable Open(byte[] file, string name = "台账.xlsx") => ImportTable.Open(new MemoryStream(file), name, 1000, 20 * 1024 * 1024, Columns);

    private static string Refusal(byte[] file, string name = "台账.xlsx", int maxRows = 1000) =>
        Should.Throw<ValidationException>(() => ImportTable.Open(new MemoryStream(file), name, maxRows, 20 * 1024 * 1024, Columns)).Errors["file"][0];

    [Fact]
    public void A_title_blank_rows_headers_in_any_order_synonyms_merged_cells_and_date_cells_are_read()
    {
        var file = new MessyWorkbook().Sheet("整改台账")
            .Row("化学化工学院党委巡察整改台账").Merge("A1:D1")
            .RowAt(3, "责任单位", "问题", "整改时限", "整改措施")
            .Row("化学化工学院党委", "理论学习不深入", new DateOnly(2025, 3, 31), "一是制定学习计划")
            .Row("化学化工学院党委", null, "２０２５年６月３０日", "二是开展专题研讨").Merge("B4:B5")
            .Row("化学化工学院党委", "“三重一大”执行不到位", new DateOnly(2025, 12, 31), "修订议事规则")
            .Build();
        var table = Open(file);
        table.Usable.ShouldBeTrue();
        table.Header!.RowNumber.ShouldBe(3);
        var rows = table.DataRows.ToList();
        rows.Count.ShouldBe(3);
        string Get(int i, int c) => table.Header.Get(rows[i], Columns[c]);
        Get(0, 0).ShouldBe("理论学习不深入");
        Get(1, 0).ShouldBe("理论学习不深入"); // the merged cell gives its value to the row below
        Get(0, 2).ShouldBe("2025-03-31");      // a real date (built-in format 14)
        Get(2, 2).ShouldBe("2025-12-31");      // a real date in a custom Chinese format
        Get(1, 2).ShouldBe("2025年6月30日");     // full-width digits become half-width
        Get(0, 3).ShouldBe("化学化工学院党委");
    }

    [Fact]
    public void Hidden_sheets_are_skipped_and_the_sheet_holding_the_table_is_taken()
    {
        var file = new MessyWorkbook()
            .Sheet("旧数据", hidden: true).Row("反馈问题", "整改措施", "完成时限", "牵头单位").Row("不该读到", "x", "2020-01-01", "x")
            .Sheet("填表说明").Row("请按以下格式填写：").Row("一、完成时限写日期")
            .Sheet("台账").Row("反馈问题", "整改措施", "完成时限", "牵头单位").Row("该读到", "措施", "2025-03-31", "财务处")
            .Build();
        var table = Open(file);
        table.DataRows.Single().Cells[0].ShouldBe("该读到");

        var allHidden = new MessyWorkbook().Sheet("甲", hidden: true).Row("反馈问题", "整改措施").Build();
        Refusal(allHidden).ShouldContain("没有可见的工作表");
    }

    [Fact]
    public void A_formula_is_read_as_the_value_Excel_calculated_and_refused_without_one()
    {
        var withValue = new MessyWorkbook().Sheet("台账").Row("反馈问题", "整改措施", "完成时限", "牵头单位")
            .Row(new Formula("Sheet2!A1", "理论学习不深入"), "措施", "2025-03-31", "财务处").Build();
        Open(withValue).DataRows.Single().Cells[0].ShouldBe("理论学习不深入");

        var without = new MessyWorkbook().Sheet("台账").Row("反馈问题", "整改措施", "完成时限", "牵头单位")
            .Row("问题", "措施", new Formula("DATE(2025,3,31)"), "财务处").Build();
        var message = Refusal(without);
        message.ShouldContain("C2");
        message.ShouldContain("DATE(2025,3,31)");
        message.ShouldContain("选择性粘贴");
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("docx")]
    [InlineData("xls")]
    public void Another_file_type_renamed_xlsx_gets_a_clear_message(string what)
    {
        byte[] file = what switch
        {
            "pdf" => "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray(),
            "docx" => Documents.DocumentKinds.Default(Documents.DocumentKind.Feedback),
            _ => MessyWorkbook.CompoundFile(),
        };
        var message = Refusal(file);
        message.ShouldContain(what == "xls" ? "加密" : "不是有效的 Excel");
    }

    [Fact]
    public void A_password_protected_workbook_is_refused_with_what_to_do()
    {
        var message = Refusal(MessyWorkbook.CompoundFile(), "加密台账.xlsx");
        message.ShouldContain("取消密码保护");
        Refusal(MessyWorkbook.CompoundFile(), "旧台账.xls").ShouldContain("另存为");
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_unpacked()
    {
        var bomb = MessyWorkbook.ZipBomb();
        bomb.Length.ShouldBeLessThan(5 * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Refusal(bomb).ShouldContain("解压后体积");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(50L * 1024 * 1024);
    }

    [Fact]
    public void A_million_rows_stop_at_the_row_limit_in_bounded_memory()
    {
        var file = MessyWorkbook.ManyRows(1_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Refusal(file, maxRows: 20_000).ShouldContain("20000");
        // reading stops at the limit: far less than the whole sheet is touched
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(400L * 1024 * 1024);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData("2025-03-31", "2025-03-31")]
    [InlineData("2025/3/31", "2025-03-31")]
    [InlineData("2025.3.31", "2025-03-31")]
    [InlineData("2025年3月31日", "2025-03-31")]
    [InlineData("２０２５．３．３１", "2025-03-31")]
    [InlineData("2025年3月31日前", "2025-03-31")]
    [InlineData("20250331", "2025-03-31")]
    [InlineData("2025年3月底", "2025-03-31")]
    [InlineData("2025年2月", "2025-02-28")]
    [InlineData("2025年底", "2025-12-31")]
    [InlineData("3月底", "2026-03-31")]     // after the feedback on 2025-11-20: next March
    [InlineData("12月31日", "2025-12-31")]  // still ahead in the feedback year
    [InlineData("45747", "2025-03-31")]     // an Excel serial number in a cell not formatted as a date
    public void Dates_as_offices_write_them(string text, string expected) =>
        DateText.Parse(text, new DateOnly(2025, 11, 20)).Date.ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData("长期坚持", DeadlineWord.LongTerm)]
    [InlineData("长期", DeadlineWord.LongTerm)]
    [InlineData("立行立改", DeadlineWord.Immediate)]
    public void Words_instead_of_dates(string text, DeadlineWord word)
    {
        var d = DateText.Parse(text, new DateOnly(2025, 11, 20));
        d.Word.ShouldBe(word);
        d.Date.ShouldBeNull();
        d.Understood.ShouldBeTrue();
    }

    [Theory]
    [InlineData("尽快")]
    [InlineData("2025年13月1日")]
    [InlineData("明年上半年")]
    public void What_is_not_a_date_is_said_so(string text) => DateText.Parse(text, new DateOnly(2025, 11, 20)).Understood.ShouldBeFalse();

    [Fact]
    public void Stage_goals_are_written_and_read_back()
    {
        var stages = new List<(DateOnly, string)> { (new DateOnly(2026, 6, 30), "完成制度修订"), (new DateOnly(2026, 12, 31), "开展专项检查") };
        var text = Milestones.Format(stages);
        text.ShouldBe("2026年6月30日前：完成制度修订；\n2026年12月31日前：开展专项检查");
        var (items, unread) = Milestones.Parse(text, new DateOnly(2025, 11, 20));
        items.ShouldBe(stages);
        unread.ShouldBeEmpty();

        (items, unread) = Milestones.Parse("1. 2026.6.30前：完成制度修订\n2、开展专项检查（2026年底）；坚持不懈", new DateOnly(2025, 11, 20));
        items.ShouldBe([(new DateOnly(2026, 6, 30), "完成制度修订"), (new DateOnly(2026, 12, 31), "开展专项检查")]);
        unread.ShouldBe(["坚持不懈"]);
    }
}
