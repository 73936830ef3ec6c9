using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Xuncha.IntegrationTests;

/// <summary>
/// 代录: a unit whose liaison account is gone (or was never made) has its plan written by the office, every change
/// audited as done on the unit's behalf; the office asks the 系统管理员 for an account rather than making one
/// (三员分立). A unit with a liaison writes its own plan; nobody else writes any.
/// </summary>
public class OnBehalfTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_office_writes_the_plan_of_a_unit_without_a_liaison_and_asks_for_an_account()
    {
        var l = await (await new Lifecycle(app).PeopleAsync()).PlannedAndInFieldAsync();
        var problem = await l.ApprovedProblemAsync("MKS", "意识形态工作责任制落实不到位");
        var cwcProblem = await l.ApprovedProblemAsync("CWC", "财务报销审核不严");
        await l.FedBackAsync();
        var mks = await app.OrgIdAsync("MKS");
        // the liaison of 马克思主义学院 leaves
        await app.AsAsync(XunchaApp.System, async sp =>
            await sp.GetRequiredService<Xuncha.Data.XunchaDbContext>().Users.Where(u => u.OrganizationId == mks)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));

        var plan = await l.PlanAsync("MKS", l.Office);
        plan.GetProperty("onBehalf").GetBoolean().ShouldBeTrue();
        plan.GetProperty("hasLiaison").GetBoolean().ShouldBeFalse();
        plan.GetProperty("canEdit").GetBoolean().ShouldBeTrue();
        (await l.PlanAsync("CWC", l.Office)).GetProperty("onBehalf").GetBoolean().ShouldBeFalse();

        var task = new
        {
            problemId = problem, goal = "意识形态阵地管理规范", measures = "一是排查阵地；二是建立审批制度。", responsibleLeader = "党委书记",
            leadOrganizationId = mks, kind = "Deadline", deadline = l.Today.AddDays(30).ToString("yyyy-MM-dd"),
        };
        var created = await (await l.Office.PostAsJsonAsync($"/api/v1/targets/{l.Targets["MKS"]}/tasks", task)).JsonAsync(HttpStatusCode.Created);
        await l.PlanActionAsync(l.Office, "MKS", "submit");
        (await l.PlanAsync("MKS", l.Office)).GetProperty("status").GetString().ShouldBe("Submitted");

        // 代录 is in the audit trail, as such, by the office's account
        var auditor = await app.ClientAsAsync(Role.AuditAdmin);
        var trail = await (await auditor.GetAsync("/api/v1/audit?action=on-behalf")).JsonAsync();
        var rows = trail.GetProperty("items").EnumerateArray().ToList();
        rows.Count.ShouldBeGreaterThanOrEqualTo(2);
        rows.ShouldAllBe(r => r.GetProperty("detail").GetString()!.Contains("马克思主义学院党委") && r.GetProperty("objectType").GetString() == "rectification_plans");

        // a unit with its liaison: the office may not write for it, nor may anyone but the office for a unit without one
        (await (await l.Office.PostAsJsonAsync($"/api/v1/targets/{l.Targets["CWC"]}/tasks", task with { problemId = cwcProblem }))
            .ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("已有联络员账号");
        await (await l.Leader.PostAsJsonAsync($"/api/v1/targets/{l.Targets["MKS"]}/tasks", task)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await l.Units["ZCC"].PostAsJsonAsync($"/api/v1/targets/{l.Targets["MKS"]}/tasks", task)).ProblemAsync(HttpStatusCode.NotFound);
        (await (await l.Office.PutAsJsonAsync($"/api/v1/tasks/{created.GetProperty("id").GetGuid()}",
                new { task.problemId, goal = "改", task.measures, task.responsibleLeader, task.leadOrganizationId, task.kind, task.deadline, version = created.GetProperty("version").GetUInt32() }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldNotBeNullOrWhiteSpace(); // submitted: no longer editable

        // the office asks the 系统管理员 for an account; the notice opens the account form with the unit chosen
        var sys = await app.ClientAsAsync(Role.SysAdmin);
        (await l.Office.PostAsync($"/api/v1/targets/{l.Targets["MKS"]}/liaison-request", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await l.Office.PostAsync($"/api/v1/targets/{l.Targets["CWC"]}/liaison-request", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已有联络员账号");
        await (await l.Leader.PostAsync($"/api/v1/targets/{l.Targets["MKS"]}/liaison-request", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var notices = await (await sys.GetAsync("/api/v1/notifications")).JsonAsync();
        var notice = notices.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("title").GetString()!.Contains("马克思主义学院党委"));
        notice.GetProperty("link").GetString().ShouldBe($"/admin/account-edit?organizationId={mks}");
    }
}
