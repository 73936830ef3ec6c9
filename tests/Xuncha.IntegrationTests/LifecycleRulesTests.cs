using Microsoft.Extensions.DependencyInjection;
namespace Xuncha.IntegrationTests;

public class LifecycleRulesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static int _ordinal = 10;

    private async Task<Lifecycle> InFieldAsync() => await (await new Lifecycle(app).PeopleAsync()).PlannedAndInFieldAsync(Interlocked.Increment(ref _ordinal));

    [Fact]
    public async Task A_group_member_from_a_target_or_its_parent_or_child_is_refused_with_the_reason()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var defaults = await (await office.GetAsync("/api/v1/rounds/defaults")).JsonAsync();
        var round = await (await office.PostAsJsonAsync("/api/v1/rounds", new
        {
            committeeId = defaults.GetProperty("committeeId").GetGuid(), year = 2031, ordinal = 1, name = "回避测试", type = "Special",
            plannedStart = "2031-03-01", plannedEnd = "2031-04-01", taxonomyId = defaults.GetProperty("taxonomyId").GetGuid(),
        })).JsonAsync(HttpStatusCode.Created);
        var id = round.GetProperty("id").GetGuid();
        round = await (await office.PutAsJsonAsync($"/api/v1/rounds/{id}/targets", new { organizationIds = new[] { await app.OrgIdAsync("CWC") }, version = Lifecycle.Version(round) })).JsonAsync();
        var target = round.GetProperty("targets")[0].GetProperty("id").GetGuid();
        var leader = await PoolHelper.EnrolAsync(app, office, "回避组长", "TSG", "正处", leaderEligible: true);
        var branch = await PoolHelper.EnrolAsync(app, office, "支部成员", "CWC-1");
        var root = await PoolHelper.EnrolAsync(app, office, "党委成员", "MD");
        var refused = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/groups", new
        {
            leaderId = leader, memberIds = new[] { branch, root }, targetIds = new[] { target },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var messages = refused.FieldErrors("memberIds");
        messages.ShouldContain(m => m.Contains("财务处第一党支部") && m.Contains("上下级关系"));
        messages.ShouldContain(m => m.Contains("中共明德大学委员会") && m.Contains("须回避"));
        (await (await office.GetAsync($"/api/v1/rounds/{id}")).JsonAsync()).GetProperty("groups").GetArrayLength().ShouldBe(0);

        var noLeader = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/groups", new { memberIds = new[] { leader } })).ProblemAsync(HttpStatusCode.BadRequest);
        noLeader.FieldErrors("leaderId").ShouldBe(["请指定组长。"]);
        var memberAsLeader = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/groups", new { leaderId = branch })).ProblemAsync(HttpStatusCode.BadRequest);
        memberAsLeader.FieldErrors("leaderId")[0].ShouldContain("不在组长库中");
        memberAsLeader.FieldErrors("memberIds").ShouldContain(m => m.Contains("少于最少的 5 人"));
        var twice = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/groups", new { leaderId = leader, memberIds = new[] { leader } })).ProblemAsync(HttpStatusCode.BadRequest);
        twice.FieldErrors("memberIds").ShouldBe(["同一人不能在组内重复出现。"]);
        var incomplete = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/submit", new { version = Lifecycle.Version(await (await office.GetAsync($"/api/v1/rounds/{id}")).JsonAsync()) }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        incomplete.FieldErrors("groups").ShouldBe(["请至少组建一个巡察组。"]);
        incomplete.FieldErrors("targets").ShouldBe(["每个巡察对象都要分配给一个巡察组。"]);
    }

    [Fact]
    public async Task Round_plans_refuse_bad_dates_duplicates_and_changes_after_submission()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var d = await (await office.GetAsync("/api/v1/rounds/defaults")).JsonAsync();
        var bad = await (await office.PostAsJsonAsync("/api/v1/rounds", new
        {
            committeeId = d.GetProperty("committeeId").GetGuid(), year = 2032, ordinal = 1, name = new string('轮', 101), type = "Regular",
            plannedStart = "2032-05-01", plannedEnd = "2032-04-01", taxonomyId = Guid.NewGuid(),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors("name").ShouldBe(["不能超过 100 个字符。"]);
        bad.FieldErrors("plannedEnd").ShouldBe(["计划结束日期不能早于开始日期。"]);
        bad.FieldErrors("taxonomyId").ShouldBe(["请选择问题分类体系。"]);

        var l = await InFieldAsync();
        var round = await l.RoundAsync();
        var dup = await (await office.PostAsJsonAsync("/api/v1/rounds", new
        {
            committeeId = d.GetProperty("committeeId").GetGuid(), year = round.GetProperty("year").GetInt32(), ordinal = round.GetProperty("ordinal").GetInt32(),
            name = "重复", type = "Regular", plannedStart = "2032-05-01", plannedEnd = "2032-06-01", taxonomyId = d.GetProperty("taxonomyId").GetGuid(),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        dup.FieldErrors("ordinal")[0].ShouldContain("已有第");

        var locked = await (await office.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/targets", new { organizationIds = Array.Empty<Guid>(), version = Lifecycle.Version(round) }))
            .ProblemAsync(HttpStatusCode.Conflict);
        locked.GetProperty("title").GetString()!.ShouldContain("不能再修改");
        // acting twice, or out of order, is refused by the state machine
        var again = await (await office.PostAsJsonAsync($"/api/v1/rounds/{l.RoundId}/start-fieldwork", new { version = Lifecycle.Version(round) })).ProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("title").GetString().ShouldBe("当前状态为“进驻中”，不能开始进驻。");
        var stale = await (await office.PostAsJsonAsync($"/api/v1/rounds/{l.RoundId}/end-fieldwork", new { version = Lifecycle.Version(round) - 1 })).ProblemAsync(HttpStatusCode.Conflict);
        stale.GetProperty("type").GetString()!.ShouldEndWith("stale");
        await (await l.Leading.PostAsJsonAsync($"/api/v1/rounds/{l.RoundId}/approve", new { version = Lifecycle.Version(round) })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Problems_are_drafted_only_by_the_group_during_fieldwork_and_numbered_without_gaps()
    {
        var l = await InFieldAsync();
        var categories = await (await l.Member.GetAsync($"/api/v1/rounds/{l.RoundId}/categories")).JsonAsync();
        categories.GetArrayLength().ShouldBe(5);
        var missing = await (await l.Member.PostAsJsonAsync("/api/v1/problems", new { targetId = l.Targets["CWC"] })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.FieldErrors("title").ShouldBe(["必填。"]);
        missing.FieldErrors("manifestation").ShouldBe(["必填。"]);
        missing.FieldErrors("categoryId")[0].ShouldContain("问题类别");
        var outsider = await app.ClientAsAsync(Role.GroupMember, "WXY");
        await (await outsider.PostAsJsonAsync("/api/v1/problems", new { targetId = l.Targets["CWC"], title = "x", manifestation = "y", categoryId = categories[0].GetProperty("id").GetGuid() }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        // two approvals at once still give consecutive numbers
        var a = await l.ProblemAsync("CWC", "问题甲");
        var b = await l.ProblemAsync("ZCC", "问题乙");
        await l.ProblemActionAsync(l.Member, a, "submit");
        await l.ProblemActionAsync(l.Member, b, "submit");
        var va = (await (await l.Leader.GetAsync($"/api/v1/problems/{a}")).JsonAsync()).GetProperty("row").GetProperty("version").GetUInt32();
        var vb = (await (await l.Leader.GetAsync($"/api/v1/problems/{b}")).JsonAsync()).GetProperty("row").GetProperty("version").GetUInt32();
        await Task.WhenAll(l.Leader.PostAsJsonAsync($"/api/v1/problems/{a}/approve", new { version = va }), l.Leader.PostAsJsonAsync($"/api/v1/problems/{b}/approve", new { version = vb }));
        var numbers = (await (await l.Leader.GetAsync($"/api/v1/problems?roundId={l.RoundId}")).JsonAsync()).EnumerateArray()
            .Select(p => p.GetProperty("sequence").GetInt32()).Order().ToList();
        numbers.ShouldBe([1, 2]);

        // a member cannot approve; an approved problem cannot be edited or deleted; a return needs a reason
        var c = await l.ProblemAsync("MKS", "问题丙");
        await l.ProblemActionAsync(l.Member, c, "submit");
        var cv = (await (await l.Member.GetAsync($"/api/v1/problems/{c}")).JsonAsync()).GetProperty("row").GetProperty("version").GetUInt32();
        await (await l.Member.PostAsJsonAsync($"/api/v1/problems/{c}/approve", new { version = cv })).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await l.Leader.PostAsJsonAsync($"/api/v1/problems/{c}/return", new { reason = " ", version = cv })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("reason").ShouldBe(["必填。"]);
        var va2 = (await (await l.Leader.GetAsync($"/api/v1/problems/{a}")).JsonAsync()).GetProperty("row").GetProperty("version").GetUInt32();
        await (await l.Member.DeleteAsync($"/api/v1/problems/{a}?version={va2}")).ProblemAsync(HttpStatusCode.Conflict);

        // once a unit has had its feedback, no problem is added for it; other targets still take drafts until theirs
        await l.RoundActionAsync(l.Office, "end-fieldwork", null, "Reporting");
        await l.FedBackAsync_Partial();
        (await (await l.Member.PostAsJsonAsync("/api/v1/problems", new { targetId = l.Targets["CWC"], title = "晚了", manifestation = "y",
            categoryId = categories[0].GetProperty("id").GetGuid() })).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString()!.ShouldContain("已向“财务处党总支”反馈");
        (await l.Member.PostAsJsonAsync("/api/v1/problems", new { targetId = l.Targets["ZCC"], title = "补充发现", manifestation = "y",
            categoryId = categories[0].GetProperty("id").GetGuid() })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Evidence_files_are_checked_by_content_and_size_and_served_as_attachments()
    {
        var l = await InFieldAsync();
        var p = await l.ProblemAsync("CWC", "证据测试");
        async Task<HttpResponseMessage> Upload(string name, byte[] bytes)
        {
            using var form = Lifecycle.Form(0, "note", "x", (name, bytes));
            return await l.Member.PostAsync($"/api/v1/problems/{p}/files", form);
        }
        (await (await Upload("病毒.exe", "MZ\x90\x00"u8.ToArray())).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("files")[0].ShouldContain("类型不在允许范围内");
        (await (await Upload("伪装.pdf", "<script>alert(1)</script>"u8.ToArray())).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("files")[0].ShouldContain("内容与扩展名不符");
        (await (await Upload("空.pdf", [])).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("files")[0].ShouldContain("内容与扩展名不符");
        var big = new byte[50 * 1024 * 1024 + 10];
        "%PDF-1.4"u8.CopyTo(big);
        (await (await Upload("超大.pdf", big)).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("files")[0].ShouldContain("超过 50 MB");
        var ok = await (await Upload("../../etc/会议纪要.pdf", Lifecycle.Pdf)).JsonAsync();
        var file = ok.GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        file.GetProperty("fileName").GetString().ShouldBe("会议纪要.pdf");
        file.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Lifecycle.Pdf)));

        var download = await l.Leader.GetAsync($"/api/v1/files/{file.GetProperty("id").GetGuid()}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Lifecycle.Pdf);
        // stored outside the web root, under a generated name
        Directory.GetFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories).ShouldAllBe(f => !f.EndsWith(".pdf"));
        (await app.Anonymous().GetAsync($"/files/{file.GetProperty("id").GetGuid()}")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Plans_refuse_empty_measures_and_past_deadlines_and_tasks_close_once_under_concurrency()
    {
        var l = await InFieldAsync();
        var problem = await l.ApprovedProblemAsync("CWC", "一个问题");
        await l.ApprovedProblemAsync("ZCC", "另一个问题");
        await l.ApprovedProblemAsync("MKS", "第三个问题");
        await l.FedBackAsync();
        var unit = l.Units["CWC"];
        var lead = await app.OrgIdAsync("CWC");
        var empty = await (await unit.PostAsJsonAsync($"/api/v1/targets/{l.Targets["CWC"]}/tasks", new { problemId = problem, leadOrganizationId = lead, kind = "Deadline" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        empty.FieldErrors("measures").ShouldBe(["必填。"]);
        empty.FieldErrors("deadline").ShouldBe(["必填。"]);
        var longTerm = await (await unit.PostAsJsonAsync($"/api/v1/targets/{l.Targets["CWC"]}/tasks", new
        {
            problemId = problem, goal = "g", measures = "m", responsibleLeader = "书记", leadOrganizationId = lead, kind = "LongTerm",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        longTerm.FieldErrors("milestones")[0].ShouldContain("分阶段目标");

        var past = await l.TaskAsync("CWC", problem, "Deadline", days: -3);
        var immediateLate = await l.TaskAsync("CWC", problem, "Immediate", days: 45);
        var submit = await (await unit.PostAsJsonAsync($"/api/v1/targets/{l.Targets["CWC"]}/plan/submit", new { version = Lifecycle.Version(await l.PlanAsync("CWC")) }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var issues = submit.FieldErrors("tasks");
        issues.ShouldContain(m => m.Contains("时限不能早于今天") || m.Contains("不能早于反馈日期"));
        issues.ShouldContain(m => m.Contains("立行立改") && m.Contains("30 天内"));
        (await l.PlanAsync("CWC")).GetProperty("status").GetString().ShouldBe("Draft");
        foreach (var t in new[] { past, immediateLate })
        {
            var v = (await l.TaskDetailAsync(t, unit)).GetProperty("task").GetProperty("version").GetUInt32();
            (await unit.DeleteAsync($"/api/v1/tasks/{t}?version={v}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        var task = await l.TaskAsync("CWC", problem, "Immediate", days: 10);
        await l.PlanActionAsync(unit, "CWC", "submit");
        // submitting twice is refused
        (await (await unit.PostAsJsonAsync($"/api/v1/targets/{l.Targets["CWC"]}/plan/submit", new { version = Lifecycle.Version(await l.PlanAsync("CWC")) }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString()!.ShouldContain("待审核");
        await l.PlanActionAsync(l.Office, "CWC", "approve");

        var detail = await l.TaskDetailAsync(task, unit);
        await unit.PostAsync($"/api/v1/tasks/{task}/request-closure",
            Lifecycle.Form(Lifecycle.Version(detail.GetProperty("task")), "statement", "完成", ("说明.pdf", Lifecycle.Pdf)));
        var version = Lifecycle.Version((await l.TaskDetailAsync(task)).GetProperty("task"));
        var office2 = await app.ClientAsAsync(Role.Office);
        var results = await Task.WhenAll(
            l.Office.PostAsJsonAsync($"/api/v1/tasks/{task}/close", new { version }),
            office2.PostAsJsonAsync($"/api/v1/tasks/{task}/close", new { version }));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        results.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        var audit = await app.AsAsync(XunchaApp.System, sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            sp.GetRequiredService<Xuncha.Data.XunchaDbContext>().AuditEvents, e => e.ObjectId == task.ToString() && e.Detail!.Contains("\"State\":[\"ClosureRequested\",\"Closed\"]")));
        audit.ShouldBe(1);
    }

    private Task<Guid> UserId(string name) =>
        app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Xuncha.Accounts.AccountService>().FindIdAsync(name));
}
