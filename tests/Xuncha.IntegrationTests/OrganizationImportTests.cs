using System.Text;
using System.Text.Json;
using Xuncha.Spreadsheets;

namespace Xuncha.IntegrationTests;

public class OrganizationImportTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Xlsx(params object?[][] rows)
    {
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms, "组织", "明德大学新增党组织（2026年）", rows[0].Select(h => new XlsxColumn((string)h!)).ToList(), new ExportTrace("测试", DateTimeOffset.UtcNow)))
            foreach (var row in rows.Skip(1)) x.WriteRow(row);
        return ms.ToArray();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(byte[] file, string name, bool dryRun = false)
    {
        var client = await app.ClientAsAsync(Role.Office);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        var response = await client.PostAsync($"/api/v1/organizations/import{(dryRun ? "?dryRun=true" : "")}", form);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static List<(int Row, string Column, string Message)> Issues(JsonElement body) =>
        body.GetProperty("issues").EnumerateArray()
            .Select(i => (i.GetProperty("row").GetInt32(), i.GetProperty("column").GetString()!, i.GetProperty("message").GetString()!)).ToList();

    private async Task<bool> ExistsAsync(string code)
    {
        var client = await app.ClientAsAsync(Role.Office);
        var all = await (await client.GetAsync("/api/v1/organizations")).JsonAsync();
        return all.EnumerateArray().Any(o => o.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task A_workbook_with_a_title_row_parents_by_name_or_code_and_rows_in_any_order_imports()
    {
        var file = Xlsx(
            ["序号", "组织名称", "类型", "编码", "上级组织", "书记姓名"],
            [1, "新闻学院教工党支部", "党支部", "XW-JG", "新闻学院党委", "甲"],   // parent defined further down
            [2, "新闻学院党委", "二级党委", "XW", "MD", "乙"],
            [3, "新闻学院学生党支部", "党支部", "XW-XS", "XW", "丙"]);
        var preview = await ImportAsync(file, "新增组织.xlsx", dryRun: true);
        preview.Status.ShouldBe(HttpStatusCode.OK);
        preview.Body.GetProperty("imported").GetInt32().ShouldBe(0);
        preview.Body.GetProperty("rows")[0].GetProperty("parentResolved").GetString().ShouldBe("新闻学院党委");
        (await ExistsAsync("XW")).ShouldBeFalse();

        var done = await ImportAsync(file, "新增组织.xlsx");
        done.Body.GetProperty("imported").GetInt32().ShouldBe(3);
        (await ExistsAsync("XW-JG")).ShouldBeTrue();

        // the same file again: every code is taken, nothing is duplicated
        var twice = await ImportAsync(file, "新增组织.xlsx");
        twice.Status.ShouldBe(HttpStatusCode.BadRequest);
        Issues(twice.Body).Count(i => i.Column == "编码").ShouldBe(3);
    }

    [Fact]
    public async Task Every_kind_of_error_is_reported_by_row_and_column_and_nothing_is_imported()
    {
        var file = Csv($$"""
            名称,上级,类型,书记,编码,排序
            好的党支部,MKS,党支部,甲,IMP-OK,1
            ,MKS,党支部,乙,IMP-E1,2
            没有编码的党支部,MKS,党支部,丙,,3
            类型错的党支部,MKS,支部委员会,丁,IMP-E3,4
            上级不存在的党支部,不存在的学院,党支部,戊,IMP-E4,5
            重复编码的党支部,MKS,党支部,己,IMP-OK,6
            已有编码的党支部,MKS,党支部,庚,CWC,7
            类型放错地方,MKS,二级党委,辛,IMP-E7,8
            甲循环,乙循环,党总支,壬,IMP-C1,9
            乙循环,甲循环,党总支,癸,IMP-C2,10
            排序错的党支部,MKS,党支部,子,IMP-E8,十
            {{new string('长', 101)}},MKS,党支部,丑,IMP-E9,11
            马克思主义学院教工第一党支部,MKS,党支部,寅,IMP-E10,12
            """);
        var (status, body) = await ImportAsync(file, "errors.csv");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("detail").GetString()!.ShouldContain("未导入任何数据");
        var issues = Issues(body);
        issues.ShouldContain(i => i.Row == 3 && i.Column == "名称" && i.Message == "必填。");
        issues.ShouldContain(i => i.Row == 4 && i.Column == "编码" && i.Message == "必填。");
        issues.ShouldContain(i => i.Row == 5 && i.Column == "类型" && i.Message.Contains("支部委员会") && i.Message.Contains("党总支"));
        issues.ShouldContain(i => i.Row == 6 && i.Column == "上级" && i.Message.Contains("找不到上级组织"));
        issues.ShouldContain(i => i.Row == 7 && i.Column == "编码" && i.Message.Contains("在文件中重复（第 2 行已使用）"));
        issues.ShouldContain(i => i.Row == 8 && i.Column == "编码" && i.Message == "编码“CWC”已被使用。");
        issues.ShouldContain(i => i.Row == 9 && i.Column == "类型" && i.Message.Contains("不能设在"));
        issues.ShouldContain(i => i.Row == 10 && i.Column == "上级" && i.Message.Contains("循环"));
        issues.ShouldContain(i => i.Row == 11 && i.Column == "上级" && i.Message.Contains("循环"));
        issues.ShouldContain(i => i.Row == 12 && i.Column == "排序");
        issues.ShouldContain(i => i.Row == 13 && i.Column == "名称" && i.Message.Contains("100"));
        issues.ShouldContain(i => i.Row == 14 && i.Column == "名称" && i.Message.Contains("同一上级下已有"));
        issues.ShouldNotContain(i => i.Row == 2);
        // field errors are also keyed "第N行.列"
        body.GetProperty("errors").GetProperty("第8行.编码")[0].GetString().ShouldBe("编码“CWC”已被使用。");
        (await ExistsAsync("IMP-OK")).ShouldBeFalse();
    }

    [Fact]
    public async Task Missing_headers_and_empty_files_are_reported()
    {
        var (status, body) = await ImportAsync(Csv("名称,书记\n某党支部,甲\n"), "a.csv");
        status.ShouldBe(HttpStatusCode.BadRequest);
        Issues(body).Select(i => i.Column).ShouldBe(["类型", "编码"], ignoreOrder: true);
        Issues(body)[0].Message.ShouldContain("找不到表头");

        var empty = await ImportAsync(Csv("名称,类型,编码\n"), "b.csv");
        Issues(empty.Body).ShouldHaveSingleItem().Message.ShouldBe("文件中没有数据行。");

        var nothing = await ImportAsync(Csv(""), "c.csv");
        Issues(nothing.Body).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Hostile_or_wrong_files_get_a_clear_error()
    {
        var renamed = await ImportAsync("%PDF-1.4 fake"u8.ToArray(), "机构.xlsx");
        renamed.Status.ShouldBe(HttpStatusCode.BadRequest);
        renamed.Body.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("不是有效的 Excel");

        var docx = await ImportAsync("hello"u8.ToArray(), "机构.docx");
        docx.Body.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("只支持 .xlsx 或 .csv");

        var binary = await ImportAsync([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00], "机构.csv");
        binary.Body.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("CSV");

        var tooMany = new StringBuilder("名称,类型,编码,上级\n");
        for (var i = 0; i < 5100; i++) tooMany.Append($"支部{i},党支部,BIG{i},MKS\n");
        var big = await ImportAsync(Csv(tooMany.ToString()), "big.csv");
        big.Status.ShouldBe(HttpStatusCode.BadRequest);
        big.Body.ToString().ShouldContain("超过上限");
    }

    [Fact]
    public async Task Gb18030_csv_with_full_width_codes_imports()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("名称,类型,编码,上级\n外国语学院日语系党支部,党支部,ＷＧＹ－ＲＹ,WGY\n".Replace("－", "-"));
        var (status, body) = await ImportAsync(bytes, "gbk.csv");
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        (await ExistsAsync("WGY-RY")).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_the_office_imports()
    {
        var leader = await app.ClientAsAsync(Role.LeadingGroup);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Csv("名称,类型,编码\nx,党委,X\n")), "file", "a.csv" } };
        await (await leader.PostAsync("/api/v1/organizations/import", form)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
