namespace Xuncha.IntegrationTests;

/// <summary>
/// The lifecycle's pages on a round in rectification: who reaches which page, 404 outside one's scope, and the
/// broken cases on the forms — a hostile file, a stale or repeated action, bad task input — each said in Chinese
/// with nothing written.
/// </summary>
public class LifecyclePageTests(RectifyingApp app) : IClassFixture<RectifyingApp>
{
    private const int Ok = 200, Missing = 404, Denied = 302;

    private async Task<WebSession> Other(Role role, string? org = null)
    {
        var (name, password) = await app.CreateUserAsync(role, org);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        return web;
    }

    [Fact]
    public async Task Pages_are_404_outside_the_callers_scope_and_the_wrong_role_is_sent_to_denied()
    {
        var l = app.L;
        var cwc = l.Targets["CWC"];
        var sessions = new Dictionary<string, WebSession>
        {
            ["office"] = await l.WebAsync("office"), ["leading"] = await l.WebAsync("leading"), ["unitCWC"] = await l.WebAsync("unitCWC"),
            ["unitZCC"] = await l.WebAsync("unitZCC"), ["otherMember"] = await Other(Role.GroupMember, "WXY"),
            ["coUnitJWC"] = await Other(Role.Unit, "JWC"), ["discipline"] = await Other(Role.Discipline), ["sysadmin"] = await Other(Role.SysAdmin),
        };
        (string Who, string Url, int Status)[] cases =
        [
            ("office", $"/rounds/{l.RoundId}", Ok), ("office", $"/targets/{cwc}", Ok), ("office", $"/tasks/{app.CwcTask}", Ok),
            ("office", $"/files/{app.ProblemFile}", Ok), ("office", "/ledger", Ok), ("office", "/settings/deadlines", Ok),
            ("office", $"/targets/{cwc}/task", Denied),
            ("leading", "/ledger", Ok), ("leading", "/rounds/edit", Denied), ("leading", $"/groups/{l.GroupId}/report", Ok),
            ("unitCWC", $"/targets/{cwc}", Ok), ("unitCWC", $"/tasks/{app.CwcTask}", Ok), ("unitCWC", $"/problems/{app.CwcProblem}", Ok),
            ("unitCWC", $"/files/{app.ProgressFile}", Ok), ("unitCWC", $"/files/{app.ProblemFile}", Missing), ("unitCWC", "/rounds/edit", Denied),
            ("unitCWC", $"/groups/{l.GroupId}/report", Missing),
            ("unitZCC", $"/targets/{cwc}", Missing), ("unitZCC", $"/tasks/{app.CwcTask}", Missing), ("unitZCC", $"/problems/{app.CwcProblem}", Missing),
            ("unitZCC", $"/files/{app.ProgressFile}", Missing), ("unitZCC", $"/targets/{cwc}/report", Missing), ("unitZCC", $"/targets/{cwc}/task", Missing),
            ("otherMember", $"/rounds/{l.RoundId}", Missing), ("otherMember", $"/problems/{app.CwcProblem}", Missing),
            ("otherMember", $"/groups/{l.GroupId}/report", Missing),
            ("coUnitJWC", $"/tasks/{app.CwcTask}", Ok), ("coUnitJWC", $"/targets/{cwc}", Missing),
            ("discipline", "/ledger", Ok), ("discipline", "/problems/edit", Denied),
            ("sysadmin", "/rounds", Denied), ("sysadmin", "/ledger", Denied), ("sysadmin", $"/tasks/{app.CwcTask}", Denied),
        ];
        var wrong = new List<string>();
        foreach (var (who, url, status) in cases)
        {
            var r = await sessions[who].GetAsync(url);
            if ((int)r.StatusCode != status) wrong.Add($"{who} {url}: {(int)r.StatusCode}, expected {status}");
            else if (status == Denied) r.Headers.Location!.ToString().ShouldContain("/account/denied");
            else if (status == Missing) (await r.Content.ReadAsStringAsync()).ShouldContain("记录不存在或您无权查看");
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_program_posing_as_a_pdf_on_the_closure_form_is_refused_and_nothing_is_written()
    {
        var unit = await app.L.WebAsync("unitCWC");
        var before = await app.L.TaskDetailAsync(app.CwcTask, app.L.Units["CWC"]);
        var version = Lifecycle.Version(before.GetProperty("task")).ToString();
        byte[] program = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];
        var page = await unit.FollowAsync(await unit.PostMultipartAsync($"/tasks/{app.CwcTask}?handler=RequestClosure", $"/tasks/{app.CwcTask}",
            new() { ["statement"] = "已完成整改。", ["version"] = version }, ("整改证明.pdf", program)));
        page.ShouldContain("内容与扩展名不符");
        var after = await app.L.TaskDetailAsync(app.CwcTask, app.L.Units["CWC"]);
        after.GetProperty("task").GetProperty("state").GetString().ShouldBe("InProgress");
        after.GetProperty("progress").GetArrayLength().ShouldBe(before.GetProperty("progress").GetArrayLength());

        var none = await unit.FollowAsync(await unit.PostMultipartAsync($"/tasks/{app.CwcTask}?handler=RequestClosure", $"/tasks/{app.CwcTask}",
            new() { ["statement"] = "已完成整改。", ["version"] = version }));
        none.ShouldContain("请上传佐证材料");
    }

    [Fact]
    public async Task A_stale_close_and_a_repeated_close_say_so_and_the_task_is_closed_once()
    {
        var l = app.L;
        var t = await l.TaskDetailAsync(app.ZccTask, l.Units["ZCC"]);
        (await l.Units["ZCC"].PostAsync($"/api/v1/tasks/{app.ZccTask}/request-closure",
            Lifecycle.Form(Lifecycle.Version(t.GetProperty("task")), "statement", "已完成。", ("佐证.pdf", Lifecycle.Pdf)))).EnsureSuccessStatusCode();
        var version = Lifecycle.Version((await l.TaskDetailAsync(app.ZccTask)).GetProperty("task"));
        var office = await l.WebAsync("office");
        var url = $"/tasks/{app.ZccTask}";

        (await office.FollowAsync(await office.PostFormAsync(url + "?handler=Close", new() { ["version"] = (version + 7).ToString() }, url)))
            .ShouldContain("该记录已被他人修改");
        (await l.TaskDetailAsync(app.ZccTask)).GetProperty("task").GetProperty("state").GetString().ShouldBe("ClosureRequested");

        (await office.FollowAsync(await office.PostFormAsync(url + "?handler=Close", new() { ["version"] = version.ToString() }, url))).ShouldContain("已销号");
        var again = await office.FollowAsync(await office.PostFormAsync(url + "?handler=Close", new() { ["version"] = version.ToString() }, url));
        again.ShouldContain("alert-danger");
        var closed = (await l.TaskDetailAsync(app.ZccTask)).GetProperty("task");
        closed.GetProperty("state").GetString().ShouldBe("Closed");
        closed.GetProperty("closedOn").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task The_task_form_keeps_what_was_typed_and_says_what_is_wrong_in_Chinese()
    {
        var unit = await app.L.WebAsync("unitCWC");
        var url = $"/targets/{app.L.Targets["CWC"]}/task?supplement=true";
        var fields = new Dictionary<string, string>
        {
            ["Input.ProblemId"] = app.CwcProblem.ToString(), ["Input.Goal"] = "健全报销审核制度", ["Input.Measures"] = "",
            ["Input.ResponsibleLeader"] = "党总支书记", ["Input.LeadOrganizationId"] = (await app.OrgIdAsync("CWC")).ToString(),
            ["Input.Kind"] = "Deadline", ["Input.Deadline"] = app.L.Today.AddDays(-1).ToString("yyyy-MM-dd"),
        };
        var empty = await unit.PostFormAsync(url, fields);
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await empty.Content.ReadAsStringAsync();
        html.ShouldContain("必填");
        html.ShouldContain("value=\"健全报销审核制度\"");

        fields["Input.Measures"] = "一是修订制度；二是开展培训。";
        var past = await (await unit.PostFormAsync(url, fields)).Content.ReadAsStringAsync();
        past.ShouldContain($"时限不能早于反馈日期 {app.L.Today:yyyy-MM-dd}");
        var plan = await app.L.PlanAsync("CWC");
        plan.GetProperty("problems").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray())
            .ShouldNotContain(x => x.GetProperty("goal").GetString() == "健全报销审核制度");
    }
}
