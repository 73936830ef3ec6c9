using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Data;
using Xuncha.Notifications;

namespace Xuncha.IntegrationTests;

/// <summary>The demo organisations on a clock the test moves: Friday 2 October 2026, 10:00 in Beijing.</summary>
public sealed class ClockApp : XunchaApp
{
    public ClockApp() => Clock = new ManualClock(new DateTimeOffset(2026, 10, 2, 10, 0, 0, TimeSpan.FromHours(8)));

    public ManualClock Time => Clock!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadDemoAsync();
    }
}

public class WorkingDayTests(ClockApp app) : IClassFixture<ClockApp>
{
    [Fact]
    public async Task Plan_due_dates_count_working_days_with_holidays_and_working_weekends()
    {
        var office = await app.ClientAsAsync(Role.Office);
        // 2026 National Day: 1–7 October off; Saturday 10 October worked
        foreach (var d in Enumerable.Range(1, 7))
            (await office.PutAsJsonAsync($"/api/v1/calendar/2026-10-{d:00}", new { isWorkday = false, note = "国庆节", version = 0u })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await office.PutAsJsonAsync("/api/v1/calendar/2026-10-10", new { isWorkday = true, note = "调休上班", version = 0u })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var days = await (await office.GetAsync("/api/v1/calendar/2026")).JsonAsync();
        days.GetArrayLength().ShouldBe(6); // the two weekend days of the holiday follow the weekday rule anyway... 1-7 has 5 weekdays + Sat 10
        (await (await office.PutAsJsonAsync("/api/v1/calendar/2026-10-11", new { isWorkday = false, note = new string('注', 51), version = 0u })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("note")[0].ShouldContain("50");
        var member = await app.ClientAsAsync(Role.GroupMember);
        await (await member.PutAsJsonAsync("/api/v1/calendar/2026-10-12", new { isWorkday = false, version = 0u })).ProblemAsync(HttpStatusCode.Forbidden);

        var l = await (await new Lifecycle(app).PeopleAsync()).PlannedAndInFieldAsync(21);
        foreach (var code in Lifecycle.Codes) await l.ApprovedProblemAsync(code, "问题" + code);
        await l.FedBackAsync(); // feedback given on Friday 2 October (a holiday)
        var plan = await l.PlanAsync("CWC");
        // working days after 2 Oct: 8, 9, 10 (Sat, worked), 12, 13, 14, 15, 16, 19 … — the 15th is Tuesday 27 October
        plan.GetProperty("planDue").GetProperty("due").GetString().ShouldBe("2026-10-27");
        plan.GetProperty("reportDue").GetProperty("due").GetString().ShouldBe("2026-12-02");

        // the office lengthens the plan deadline: due dates are computed, so they follow at once
        var committee = plan.GetProperty("committeeId").GetGuid();
        var policy = await (await office.GetAsync($"/api/v1/deadline-policy/{committee}")).JsonAsync();
        (await office.PutAsJsonAsync($"/api/v1/deadline-policy/{committee}", new
        {
            planDueWorkingDays = 20, reportDueMonths = 3, warningDays = 5, immediateFixDays = 30, maxDeadlineMonths = 12, version = policy.GetProperty("version").GetUInt32(),
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await l.PlanAsync("CWC")).GetProperty("planDue").GetProperty("due").GetString().ShouldBe("2026-11-03");
        (await l.PlanAsync("CWC")).GetProperty("reportDue").GetProperty("due").GetString().ShouldBe("2027-01-02");
        var bad = await (await office.PutAsJsonAsync($"/api/v1/deadline-policy/{committee}", new
        {
            planDueWorkingDays = 0, reportDueMonths = 3, warningDays = 5, immediateFixDays = 30, maxDeadlineMonths = 12,
            version = (await (await office.GetAsync($"/api/v1/deadline-policy/{committee}")).JsonAsync()).GetProperty("version").GetUInt32(),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors("planDueWorkingDays")[0].ShouldContain("1 到 60");
    }

}

public class ReminderTests(ClockApp app) : IClassFixture<ClockApp>
{
    [Fact]
    public async Task Reminders_go_once_when_due_soon_and_once_when_overdue_and_overdue_tasks_show_red()
    {
        var l = await (await new Lifecycle(app).PeopleAsync()).PlannedAndInFieldAsync(22);
        foreach (var code in Lifecycle.Codes) await l.ApprovedProblemAsync(code, "提醒" + code);
        await l.FedBackAsync();
        await l.RectifyingAsync(); // every task due in 30 days
        async Task<int> Run() => await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<DeadlineReminders>().RunAsync());
        async Task<string[]> Titles() => (await (await l.Units["CWC"].GetAsync("/api/v1/notifications")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("title").GetString()!).ToArray();

        await Run();
        (await Titles()).ShouldNotContain(t => t.Contains("将于"));
        app.Time.Advance(TimeSpan.FromDays(25)); // 5 days left: within the warning days
        await l.SignInAsync();
        (await Run()).ShouldBeGreaterThan(0);
        (await Titles()).Count(t => t.StartsWith("整改任务") && t.Contains("将于")).ShouldBe(1);
        await Run();
        (await Titles()).Count(t => t.StartsWith("整改任务") && t.Contains("将于")).ShouldBe(1); // not again

        app.Time.Advance(TimeSpan.FromDays(10)); // 5 days overdue
        await l.SignInAsync();
        await Run();
        var titles = await Titles();
        titles.Count(t => t.Contains("已逾期")).ShouldBe(1);
        titles.ShouldNotContain(t => t.Contains("整改报告须于")); // due in two months: not yet
        var task = (await l.PlanAsync("CWC")).GetProperty("problems")[0].GetProperty("tasks")[0];
        task.GetProperty("due").GetProperty("level").GetString().ShouldBe("Overdue");
        task.GetProperty("due").GetProperty("daysLeft").GetInt32().ShouldBe(-5);
        var ledger = await (await l.Office.GetAsync($"/api/v1/ledger?roundId={l.RoundId}&overdue=true")).JsonAsync();
        ledger.GetProperty("rows").GetArrayLength().ShouldBe(3);
        ledger.GetProperty("rows")[0].GetProperty("statusText").GetString()!.ShouldContain("逾期 5 天");
        var office = (await (await l.Office.GetAsync("/api/v1/notifications")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("title").GetString()).ToList();
        office.Count(t => t!.Contains("整改事项逾期")).ShouldBe(1);
        var dedup = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().Notifications.CountAsync(n => n.DedupKey != null));
        await Run();
        (await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().Notifications.CountAsync(n => n.DedupKey != null))).ShouldBe(dedup);

        app.Time.Advance(TimeSpan.FromDays(24)); // two days before the report is due
        await l.SignInAsync();
        await Run();
        (await Titles()).ShouldContain(t => t.Contains("整改报告须于") && t.Contains("还剩"));
    }
}
