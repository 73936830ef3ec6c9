using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Testing;

namespace Xuncha.IntegrationTests;

/// <summary>
/// A unit's plan from the Excel it really writes: read right (merged problem, synonyms, text dates, 长期坚持 with
/// stages), previewed, imported all or nothing, idempotent, round-tripped; every wrong row said by row and column.
/// </summary>
public class PlanImportTests(PlanImportTests.FedBackApp app) : IClassFixture<PlanImportTests.FedBackApp>
{
    /// <summary>Feedback given: two problems for 财务处 (CWC), one for 资产处 (ZCC); no tasks yet.</summary>
    public sealed class FedBackApp : XunchaApp
    {
        public Lifecycle L { get; private set; } = null!;
        public string Year { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            L = await new Lifecycle(this).PeopleAsync();
            await L.PlannedAndInFieldAsync();
            await L.ApprovedProblemAsync("CWC", "财务报销审核把关不严", 0);
            await L.ApprovedProblemAsync("CWC", "“三重一大”决策程序执行不规范", 1);
            await L.ApprovedProblemAsync("ZCC", "固定资产账实不符");
            await L.ApprovedProblemAsync("MKS", "理论学习中心组学习流于形式");
            await L.FedBackAsync();
            Year = (await L.RoundAsync()).GetProperty("year").GetInt32().ToString();
        }
    }

    private Lifecycle L => app.L;

    private static string Chinese(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private static string FullWidth(string s) => new(s.Select(c => c is >= '0' and <= '9' ? (char)(c + 0xFEE0) : c).ToArray());

    /// <summary>The plan as 财务处 writes it: a title, a blank row, its own headers, the first problem merged over two tasks.</summary>
    private byte[] OfficeWorkbook(string? firstGoal = null)
    {
        var t = L.Today;
        var endOfMonth = new DateOnly(t.AddMonths(2).Year, t.AddMonths(2).Month, DateTime.DaysInMonth(t.AddMonths(2).Year, t.AddMonths(2).Month));
        return new MessyWorkbook().Sheet("整改方案")
            .Row("财务处党总支巡察整改任务清单").Merge("A1:I1")
            .RowAt(3, "序号", "问题", "整改目标", "具体措施", "责任人", "责任单位", "配合单位", "整改时限", "阶段目标")
            .Row(1, $"[{app.Year}]1巡-1组-01号 财务报销审核把关不严", firstGoal ?? "报销审核规范有序", "一是修订报销审核办法；二是开展专项检查。", "郑永生",
                "财务处党总支", "JWC", t.AddDays(30), null)
            .Row(2, null, "审核人员能力提升", "组织审核人员业务培训。", "郑永生", "CWC", null, $"{endOfMonth.Month}月底", null).Merge("B4:B5")
            .Row(3, "“三重一大”决策程序执行不规范", "决策程序规范", "修订议事规则并严格执行。", "郑永生", "财务处党总支", null, "长期坚持",
                $"{FullWidth(Chinese(t.AddMonths(3)))}前：完成议事规则修订；\n{Chinese(t.AddMonths(9))}前：开展执行情况检查")
            .Build();
    }

    private async Task<HttpResponseMessage> ImportAsync(HttpClient c, string code, byte[] file, bool dryRun, string name = "整改方案.xlsx")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", name);
        return await c.PostAsync($"/api/v1/targets/{L.Targets[code]}/plan/import?dryRun={dryRun.ToString().ToLowerInvariant()}", form);
    }

    private async Task<int> TaskCountAsync(string code) =>
        (await L.PlanAsync(code, L.Office)).GetProperty("problems").EnumerateArray().Sum(p => p.GetProperty("tasks").GetArrayLength());

    [Fact]
    public async Task The_plan_as_the_unit_writes_it_is_previewed_imported_once_and_round_trips()
    {
        var unit = L.Units["CWC"];
        var preview = await (await ImportAsync(unit, "CWC", OfficeWorkbook(), dryRun: true)).JsonAsync();
        preview.GetProperty("committed").GetBoolean().ShouldBeFalse();
        preview.GetProperty("created").GetInt32().ShouldBe(3);
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(3);
        rows[0].GetProperty("row").GetInt32().ShouldBe(4);
        rows[1].GetProperty("problem").GetString()!.ShouldEndWith("财务报销审核把关不严"); // from the merged cell
        rows[1].GetProperty("kind").GetString().ShouldBe("Deadline");
        DateOnly.Parse(rows[1].GetProperty("deadline").GetString()!).ShouldBeGreaterThan(L.Today.AddMonths(1));
        rows[2].GetProperty("problem").GetString()!.ShouldEndWith("“三重一大”决策程序执行不规范");
        rows[2].GetProperty("kind").GetString().ShouldBe("LongTerm");
        rows[2].GetProperty("milestones").GetInt32().ShouldBe(2);
        (await TaskCountAsync("CWC")).ShouldBe(0);

        // the page: preview then commit
        var web = await L.WebAsync("unitCWC");
        var page = await (await web.PostFileAsync($"/targets/{L.Targets["CWC"]}/import?handler=Preview", $"/targets/{L.Targets["CWC"]}/import",
            [], "upload", "整改方案.xlsx", OfficeWorkbook())).Content.ReadAsStringAsync();
        page.ShouldContain("检查通过：3 行，将新增 3 项任务");
        page.ShouldContain("import-commit");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"token\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        var done = await web.FollowAsync(await web.PostFormAsync($"/targets/{L.Targets["CWC"]}/import?handler=Commit",
            new() { ["token"] = token, ["fileName"] = "整改方案.xlsx" }, $"/targets/{L.Targets["CWC"]}/import"));
        done.ShouldContain("已导入：新增 3 项任务");
        (await TaskCountAsync("CWC")).ShouldBe(3);
        // written in bulk, yet every new row is in the audit trail and the chain still holds
        var (created, intact) = await app.AsAsync(XunchaApp.System, async sp =>
        {
            var db = sp.GetRequiredService<Xuncha.Data.XunchaDbContext>();
            var n = await db.AuditEvents.CountAsync(e => e.Action == "create" && (e.ObjectType == "rectification_tasks" || e.ObjectType == "task_milestones"));
            return (n, (await sp.GetRequiredService<Xuncha.Audit.AuditVerifier>().VerifyAsync()).Intact);
        });
        created.ShouldBe(5); // three tasks and the two stages of the long-term one
        intact.ShouldBeTrue();

        // the same file again changes nothing
        var again = await (await ImportAsync(unit, "CWC", OfficeWorkbook(), dryRun: false)).JsonAsync();
        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("unchanged").GetInt32().ShouldBe(3);
        again.GetProperty("committed").GetBoolean().ShouldBeFalse();
        (await TaskCountAsync("CWC")).ShouldBe(3);

        // export → import gives back the same data
        var exported = await (await unit.GetAsync($"/api/v1/targets/{L.Targets["CWC"]}/plan/tasks.xlsx")).Content.ReadAsByteArrayAsync();
        var trip = await (await ImportAsync(unit, "CWC", exported, dryRun: true)).JsonAsync();
        trip.GetProperty("unchanged").GetInt32().ShouldBe(3);
        trip.GetProperty("created").GetInt32().ShouldBe(0);
        trip.GetProperty("updated").GetInt32().ShouldBe(0);

        // a changed measure updates its task; the imported plan passes submission's checks
        var changed = await (await ImportAsync(unit, "CWC", OfficeWorkbook(), dryRun: false)).JsonAsync();
        changed.GetProperty("unchanged").GetInt32().ShouldBe(3);
        (await L.PlanActionAsync(unit, "CWC", "submit")).GetProperty("status").GetString().ShouldBe("Submitted");

        // once submitted, a file that would change the plan is refused; the unchanged one still reads as unchanged
        var refused = await (await ImportAsync(unit, "CWC", OfficeWorkbook("新的整改目标"), dryRun: true)).ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("detail").GetString()!.ShouldContain("未导入任何数据");
        refused.GetRawText().ShouldContain("整改方案处于“待审核”状态，不能修改");
        (await (await ImportAsync(unit, "CWC", exported, dryRun: true)).JsonAsync()).GetProperty("unchanged").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Every_wrong_row_is_said_by_row_and_column_and_nothing_is_written()
    {
        var t = L.Today;
        var bad = new MessyWorkbook().Sheet("台账")
            .Row("反馈问题", "整改目标", "整改措施", "责任领导", "牵头单位", "完成时间", "整改类型", "阶段目标")
            .Row("固定资产账实不符", "账实相符", "全面清查", "冯晓", "资产处", t.AddDays(20), null, null)
            .Row("不存在的问题", "目标", "措施", "冯晓", "资产管理处党总支", t.AddDays(20), null, null)
            .Row("固定资产账实不符", "目标二", "措施", "冯晓", "没有这个单位", "尽快", null, null)
            .Row("固定资产账实不符", "目标三", "措施", "冯晓", "ZCC", "长期坚持", null, null)
            .Row("固定资产账实不符", "目标四", "", "", "ZCC", t.AddDays(20), "集中攻坚", null)
            .Row("固定资产账实不符", "目标五", "措施", "冯晓", "ZCC", "长期坚持", null, "坚持不懈")
            .Build();
        var problem = await (await ImportAsync(L.Units["ZCC"], "ZCC", bad, dryRun: false)).ProblemAsync(HttpStatusCode.BadRequest);
        var issues = problem.GetProperty("issues").EnumerateArray().Select(i => (Row: i.GetProperty("row").GetInt32(), Column: i.GetProperty("column").GetString(),
            Message: i.GetProperty("message").GetString()!)).ToList();
        issues.ShouldContain(i => i.Row == 2 && i.Column == "牵头单位" && i.Message.Contains("资产处"));
        issues.ShouldContain(i => i.Row == 3 && i.Column == "反馈问题" && i.Message.Contains("找不到对应的反馈问题"));
        issues.ShouldContain(i => i.Row == 4 && i.Column == "牵头单位");
        issues.ShouldContain(i => i.Row == 4 && i.Column == "完成时限" && i.Message.Contains("无法识别的完成时限“尽快”"));
        issues.ShouldContain(i => i.Row == 5 && i.Column == "阶段目标" && i.Message.Contains("长期坚持的任务须"));
        issues.ShouldContain(i => i.Row == 6 && i.Column == "整改措施");
        issues.ShouldContain(i => i.Row == 6 && i.Column == "责任领导");
        issues.ShouldContain(i => i.Row == 6 && i.Column == "整改类型" && i.Message.Contains("集中攻坚"));
        issues.ShouldContain(i => i.Row == 7 && i.Column == "阶段目标" && i.Message.Contains("坚持不懈"));
        problem.FieldErrors("第3行.反馈问题").ShouldNotBeEmpty();
        (await TaskCountAsync("ZCC")).ShouldBe(0);

        // a duplicate row, a row of another unit
        var twice = new MessyWorkbook().Sheet("台账")
            .Row("反馈问题", "整改目标", "整改措施", "责任领导", "牵头单位", "完成时限", "被巡察单位")
            .Row("固定资产账实不符", "账实相符", "全面清查", "冯晓", "ZCC", t.AddDays(20), "资产管理处党总支")
            .Row("固定资产账实不符", "账实相符", "再次清查", "冯晓", "ZCC", t.AddDays(20), "资产管理处党总支")
            .Row("固定资产账实不符", "账实相符二", "清查", "冯晓", "ZCC", t.AddDays(20), "财务处党总支")
            .Build();
        var dup = await (await ImportAsync(L.Units["ZCC"], "ZCC", twice, dryRun: true)).ProblemAsync(HttpStatusCode.BadRequest);
        dup.GetRawText().ShouldContain("第 2 行");
        dup.GetRawText().ShouldContain("不是本单位");
    }

    [Fact]
    public async Task Only_the_unit_imports_its_own_plan_and_bad_files_are_refused_clearly()
    {
        var file = OfficeWorkbook();
        await (await ImportAsync(L.Units["ZCC"], "CWC", file, dryRun: true)).ProblemAsync(HttpStatusCode.NotFound);
        await (await ImportAsync(L.Office, "CWC", file, dryRun: true)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await ImportAsync(L.Leader, "CWC", file, dryRun: true)).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await ImportAsync(L.Units["MKS"], "MKS", "%PDF-1.7"u8.ToArray(), dryRun: true)).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("file")[0].ShouldContain("不是有效的 Excel");
        (await (await ImportAsync(L.Units["MKS"], "MKS", MessyWorkbook.CompoundFile(), dryRun: true)).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("file")[0].ShouldContain("取消密码保护");
        (await (await ImportAsync(L.Units["MKS"], "MKS", MessyWorkbook.ZipBomb(), dryRun: true)).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("file")[0].ShouldContain("解压后体积");
        var noHeader = new MessyWorkbook().Sheet("表").Row("说明").Row("无").Build();
        (await (await ImportAsync(L.Units["MKS"], "MKS", noHeader, dryRun: true)).ProblemAsync(HttpStatusCode.BadRequest)).GetRawText().ShouldContain("找不到表头");
    }

    [Fact]
    public async Task The_console_exports_documents_and_workbooks_and_imports_a_plan()
    {
        var round = (await L.RoundAsync()).GetProperty("name").GetString()!;
        var dir = Directory.CreateTempSubdirectory("xuncha-cli-").FullName;
        Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(app.Database, app.DataDirectory, null, args);

        var feedback = Path.Combine(dir, "反馈意见.docx");
        var doc = await Run("export", "doc", "feedback", "--round", round, "--unit", "MKS", "-o", feedback);
        doc.ExitCode.ShouldBe(0, doc.Error);
        doc.Out.ShouldContain("关于巡察马克思主义学院党委的反馈意见");
        OfficeChecks.AssertValid(await File.ReadAllBytesAsync(feedback), "f.docx");
        var report = await Run("export", "doc", "group-report", "--round", round, "--group", "1", "-o", Path.Combine(dir, "r.docx"));
        report.ExitCode.ShouldBe(0, report.Error);
        (await Run("export", "doc", "group-report", "--round", round, "--group", "9", "-o", Path.Combine(dir, "x.docx"))).Error.ShouldContain("--group");

        var problems = await Run("export", "problems", "--round", round, "-o", Path.Combine(dir, "p.xlsx"));
        problems.ExitCode.ShouldBe(0, problems.Error);
        problems.Out.ShouldContain("已导出 4 个问题");
        var ledger = await Run("export", "ledger", "--round", round, "-o", Path.Combine(dir, "l.xlsx"));
        ledger.ExitCode.ShouldBe(0, ledger.Error);
        ledger.Out.ShouldContain("合计：反馈问题");

        // the console imports a plan for a unit (the office migrating its Excel ledgers)
        var t = L.Today;
        var plan = new MessyWorkbook().Sheet("台账")
            .Row("反馈问题", "整改目标", "整改措施", "责任领导", "牵头单位", "完成时限")
            .Row("理论学习中心组学习流于形式", "学习制度化", "制定年度学习计划", "蒋丽", "MKS", t.AddDays(40))
            .Build();
        var path = Path.Combine(dir, "马院整改方案.xlsx");
        await File.WriteAllBytesAsync(path, plan);
        var dry = await Run("import", "plan", path, "--round", round, "--unit", "MKS", "--dry-run");
        dry.ExitCode.ShouldBe(0, dry.Error);
        dry.Out.ShouldContain("检查通过：新增 1 项");
        var real = await Run("import", "plan", path, "--round", round, "--unit", "MKS");
        real.Out.ShouldContain("已导入：新增 1 项");
        (await Run("import", "plan", path, "--round", round, "--unit", "MKS")).Out.ShouldContain("与现有方案一致");
        var wrong = await Run("import", "plan", path, "--round", round, "--unit", "NOPE");
        wrong.ExitCode.ShouldBe(1);
        wrong.Error.ShouldContain("NOPE");
    }
}
