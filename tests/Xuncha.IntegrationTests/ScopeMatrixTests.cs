namespace Xuncha.IntegrationTests;

/// <summary>A round in rectification with evidence files, built once for the whole matrix.</summary>
public sealed class RectifyingApp : XunchaApp
{
    public Lifecycle L { get; private set; } = null!;
    public Guid CwcProblem { get; private set; }
    public Guid CwcTask { get; private set; }
    public Guid ZccTask { get; private set; }
    public Guid ProblemFile { get; private set; }
    public Guid ProgressFile { get; private set; }
    public Dictionary<string, HttpClient> Clients { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadDemoAsync();
        L = await new Lifecycle(this).PeopleAsync();
        await L.PlannedAndInFieldAsync();
        CwcProblem = await L.ApprovedProblemAsync("CWC", "财务报销审核把关不严");
        var withFile = await L.ProblemAsync("CWC", "公务接待超标准");
        using (var form = Lifecycle.Form(0, "note", "证据", ("接待清单.pdf", Lifecycle.Pdf)))
            ProblemFile = (await (await L.Member.PostAsync($"/api/v1/problems/{withFile}/files", form)).JsonAsync())
                .GetProperty("files")[0].GetProperty("id").GetGuid();
        await L.ProblemActionAsync(L.Member, withFile, "submit");
        await L.ProblemActionAsync(L.Leader, withFile, "approve");
        await L.ApprovedProblemAsync("ZCC", "固定资产账实不符");
        await L.ApprovedProblemAsync("MKS", "理论学习流于形式");
        await L.FedBackAsync();
        await L.RectifyingAsync();
        CwcTask = (await L.PlanAsync("CWC")).GetProperty("problems")[0].GetProperty("tasks")[0].GetProperty("id").GetGuid();
        ZccTask = (await L.PlanAsync("ZCC")).GetProperty("problems")[0].GetProperty("tasks")[0].GetProperty("id").GetGuid();
        var t = await L.TaskDetailAsync(CwcTask, L.Units["CWC"]);
        var progress = await (await L.Units["CWC"].PostAsync($"/api/v1/tasks/{CwcTask}/progress",
            Lifecycle.Form(Lifecycle.Version(t.GetProperty("task")), "text", "已自查", ("自查报告.pdf", Lifecycle.Pdf)).With("percent", "30"))).JsonAsync();
        ProgressFile = progress.GetProperty("progress")[0].GetProperty("files")[0].GetProperty("id").GetGuid();

        Clients["office"] = L.Office;
        Clients["leading"] = L.Leading;
        Clients["discipline"] = await ClientAsAsync(Role.Discipline);
        Clients["leader"] = L.Leader;
        Clients["member"] = L.Member;
        Clients["otherMember"] = await ClientAsAsync(Role.GroupMember, "WXY");
        Clients["unitCWC"] = L.Units["CWC"];
        Clients["unitZCC"] = L.Units["ZCC"];
        Clients["coUnitJWC"] = await ClientAsAsync(Role.Unit, "JWC");
        Clients["otherUnit"] = await ClientAsAsync(Role.Unit, "WXY");
        Clients["sysadmin"] = await ClientAsAsync(Role.SysAdmin);
        Clients["auditadmin"] = await ClientAsAsync(Role.AuditAdmin);
    }
}

public class ScopeMatrixTests(RectifyingApp app) : IClassFixture<RectifyingApp>
{
    private const int Ok = 200, NotFound = 404, Forbidden = 403;

    public static TheoryData<string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, int>();
        void Row(string path, params (string Who, int Status)[] cells)
        {
            foreach (var (who, status) in cells) data.Add(path, who, status);
        }
        Row("round",
            ("office", Ok), ("leading", Ok), ("discipline", Ok), ("leader", Ok), ("member", Ok), ("otherMember", NotFound),
            ("unitCWC", Ok), ("unitZCC", Ok), ("coUnitJWC", NotFound), ("otherUnit", NotFound), ("sysadmin", Forbidden), ("auditadmin", Forbidden));
        Row("problem",
            ("office", Ok), ("leading", Ok), ("discipline", Ok), ("leader", Ok), ("member", Ok), ("otherMember", NotFound),
            ("unitCWC", Ok), ("unitZCC", NotFound), ("coUnitJWC", Ok), ("otherUnit", NotFound), ("sysadmin", Forbidden));
        Row("plan",
            ("office", Ok), ("leading", Ok), ("discipline", Ok), ("leader", Ok), ("otherMember", NotFound),
            ("unitCWC", Ok), ("unitZCC", NotFound), ("coUnitJWC", NotFound), ("otherUnit", NotFound));
        Row("task",
            ("office", Ok), ("leading", Ok), ("leader", Ok), ("otherMember", NotFound),
            ("unitCWC", Ok), ("unitZCC", NotFound), ("coUnitJWC", Ok), ("otherUnit", NotFound));
        Row("report",
            ("office", Ok), ("leading", Ok), ("unitCWC", Ok), ("unitZCC", NotFound), ("otherUnit", NotFound), ("otherMember", NotFound));
        Row("groupReport",
            ("office", Ok), ("leading", Ok), ("discipline", Ok), ("leader", Ok), ("member", Ok), ("otherMember", NotFound),
            ("unitCWC", NotFound), ("otherUnit", NotFound));
        Row("problemFile",
            ("office", Ok), ("leading", Ok), ("leader", Ok), ("member", Ok), ("otherMember", NotFound),
            ("unitCWC", NotFound), ("unitZCC", NotFound), ("otherUnit", NotFound));
        Row("progressFile",
            ("office", Ok), ("leading", Ok), ("unitCWC", Ok), ("coUnitJWC", Ok), ("unitZCC", NotFound), ("otherMember", NotFound), ("otherUnit", NotFound));
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_read_path_answers_404_outside_the_callers_scope(string path, string who, int expected)
    {
        var url = path switch
        {
            "round" => $"/api/v1/rounds/{app.L.RoundId}",
            "problem" => $"/api/v1/problems/{app.CwcProblem}",
            "plan" => $"/api/v1/targets/{app.L.Targets["CWC"]}/plan",
            "task" => $"/api/v1/tasks/{app.CwcTask}",
            "report" => $"/api/v1/targets/{app.L.Targets["CWC"]}/report",
            "groupReport" => $"/api/v1/groups/{app.L.GroupId}/report",
            "problemFile" => $"/api/v1/files/{app.ProblemFile}",
            _ => $"/api/v1/files/{app.ProgressFile}",
        };
        var response = await app.Clients[who].GetAsync(url);
        ((int)response.StatusCode).ShouldBe(expected, $"{who} GET {path}");
        if (expected == NotFound) (await response.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("title").GetString().ShouldBe("记录不存在或您无权查看。");
    }

    [Fact]
    public async Task Lists_searches_and_the_ledger_are_scoped_the_same_way()
    {
        async Task<int> Count(string who, string url) => (await (await app.Clients[who].GetAsync(url)).JsonAsync()).GetArrayLength();
        (await Count("otherMember", "/api/v1/rounds")).ShouldBe(0);
        (await Count("otherUnit", "/api/v1/rounds")).ShouldBe(0);
        (await Count("unitCWC", "/api/v1/rounds")).ShouldBe(1);
        (await Count("unitCWC", "/api/v1/problems")).ShouldBe(2);
        (await Count("unitCWC", "/api/v1/problems?search=" + Uri.EscapeDataString("固定资产"))).ShouldBe(0);
        (await Count("unitZCC", "/api/v1/problems")).ShouldBe(1);
        (await Count("member", "/api/v1/problems")).ShouldBe(4);
        (await Count("otherMember", "/api/v1/problems")).ShouldBe(0);

        var cwc = await (await app.Clients["unitCWC"].GetAsync("/api/v1/ledger")).JsonAsync();
        cwc.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("unit").GetString() == "财务处党总支");
        var jwc = await (await app.Clients["coUnitJWC"].GetAsync("/api/v1/ledger")).JsonAsync();
        jwc.GetProperty("rows").GetArrayLength().ShouldBe(4); // every task names 教务处 as co-unit
        jwc.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("coUnits").GetString()!.Contains("教务处党总支"));
        (await (await app.Clients["otherUnit"].GetAsync("/api/v1/ledger")).JsonAsync()).GetProperty("rows").GetArrayLength().ShouldBe(0);
        var full = await (await app.Clients["office"].GetAsync("/api/v1/ledger")).JsonAsync();
        full.GetProperty("rows").GetArrayLength().ShouldBe(4);
        var otherExport = await app.Clients["otherUnit"].GetAsync("/api/v1/ledger?format=xlsx");
        otherExport.StatusCode.ShouldBe(HttpStatusCode.OK); // an export of nothing, not of others' rows
    }

    [Fact]
    public async Task Writing_to_someone_elses_record_is_404_or_403_and_changes_nothing()
    {
        var zccPlan = await app.L.PlanAsync("ZCC", app.L.Office);
        await (await app.Clients["unitCWC"].PostAsJsonAsync($"/api/v1/targets/{app.L.Targets["ZCC"]}/plan/submit", new { version = Lifecycle.Version(zccPlan) }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var zcc = await app.L.TaskDetailAsync(app.ZccTask);
        await (await app.Clients["unitCWC"].PostAsync($"/api/v1/tasks/{app.ZccTask}/progress",
            Lifecycle.Form(Lifecycle.Version(zcc.GetProperty("task")), "text", "越权").With("percent", "90"))).ProblemAsync(HttpStatusCode.NotFound);
        // a co-unit sees the task but does not report on it
        var cwc = await app.L.TaskDetailAsync(app.CwcTask);
        await (await app.Clients["coUnitJWC"].PostAsync($"/api/v1/tasks/{app.CwcTask}/progress",
            Lifecycle.Form(Lifecycle.Version(cwc.GetProperty("task")), "text", "协办").With("percent", "90"))).ProblemAsync(HttpStatusCode.Forbidden);
        // a unit cannot close its own task; a group member cannot approve a plan
        await (await app.Clients["unitCWC"].PostAsJsonAsync($"/api/v1/tasks/{app.CwcTask}/close", new { version = Lifecycle.Version(cwc.GetProperty("task")) }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Clients["leader"].PostAsJsonAsync($"/api/v1/targets/{app.L.Targets["CWC"]}/plan/approve", new { version = 1 }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        (await app.L.TaskDetailAsync(app.ZccTask)).GetProperty("task").GetProperty("percent").GetInt32().ShouldBe(0);
    }
}
