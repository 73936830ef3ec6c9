using System.Text.Json;
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
        // the calendar ships with 2026 as the State Council's notice gives it: National Day 1–7 October off, Saturday 10 October worked
        var days = (await (await office.GetAsync("/api/v1/calendar/2026")).JsonAsync()).EnumerateArray().ToList();
        string Kind(string date) => days.Single(d => d.GetProperty("date").GetString() == date) is var d && d.GetProperty("isWorkday").GetBoolean() ? "上班" : "放假";
        foreach (var d in Enumerable.Range(1, 7)) Kind($"2026-10-{d:00}").ShouldBe("放假");
        Kind("2026-10-10").ShouldBe("上班");
        days.ShouldAllBe(d => d.GetProperty("source").GetString()!.Contains("国务院办公厅关于2026年部分节假日安排的通知"));
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

/// <summary>The holiday calendar: what ships, what the office imports from the State Council's notice, and its edits.</summary>
public class HolidayCalendarTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static List<JsonElement> Days(JsonElement list) => list.EnumerateArray().ToList();

    [Fact]
    public async Task The_years_known_for_certain_ship_with_their_source_and_nothing_else_is_guessed()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var y2025 = Days(await (await office.GetAsync("/api/v1/calendar/2025")).JsonAsync());
        var y2026 = Days(await (await office.GetAsync("/api/v1/calendar/2026")).JsonAsync());
        y2025.Count.ShouldBe(33);
        y2026.Count.ShouldBe(39);
        y2025.ShouldAllBe(d => d.GetProperty("source").GetString()!.Contains("国办发明电〔2024〕12号"));
        y2025.Where(d => d.GetProperty("isWorkday").GetBoolean()).Select(d => d.GetProperty("date").GetString())
            .ShouldBe(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
        y2026.Where(d => d.GetProperty("note").GetString() == "春节").Select(d => d.GetProperty("date").GetString()).ShouldBe(
            Enumerable.Range(15, 9).Select(d => $"2026-02-{d:00}"));
        foreach (var year in new[] { 2024, 2027 })
            Days(await (await office.GetAsync($"/api/v1/calendar/{year}")).JsonAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_office_imports_a_notice_checks_it_first_and_a_bad_row_writes_nothing()
    {
        var office = await app.ClientAsAsync(Role.Office);
        const string good = "日期,类型,说明\n2030-01-01,放假,元旦\n2030-02-02 至 2030-02-08,放假,春节\n2030年2月10日,上班,春节调休上班\n";
        var preview = await (await office.PostAsync("/api/v1/calendar/import?dryRun=true&source=" + Uri.EscapeDataString("国务院办公厅关于2030年部分节假日安排的通知"),
            Csv(good))).JsonAsync();
        preview.GetProperty("rows").GetArrayLength().ShouldBe(3);
        Days(await (await office.GetAsync("/api/v1/calendar/2030")).JsonAsync()).ShouldBeEmpty();

        var bad = "日期,类型,说明\n2030-02-30,放假,\n2030-03-09 至 2030-03-01,放假,\n2030-04-01,请假,\n2030-05-01 至 2030-05-03,放假,劳动节\n2030-05-03,上班,\n";
        var refused = await (await office.PostAsync("/api/v1/calendar/import", Csv(good + bad[bad.IndexOf('\n')..].TrimStart('\n')))).ProblemAsync(HttpStatusCode.BadRequest);
        var issues = refused.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("message").GetString()!).ToList();
        issues.ShouldContain(m => m.Contains("不是日期"));
        issues.ShouldContain(m => m.Contains("结束日期早于开始日期"));
        issues.ShouldContain(m => m.Contains("请假"));
        issues.ShouldContain(m => m.Contains("2030-05-03") && m.Contains("相反"));
        Days(await (await office.GetAsync("/api/v1/calendar/2030")).JsonAsync()).ShouldBeEmpty();

        var done = await (await office.PostAsync("/api/v1/calendar/import?source=" + Uri.EscapeDataString("国务院办公厅关于2030年部分节假日安排的通知"), Csv(good))).JsonAsync();
        done.GetProperty("imported").GetInt32().ShouldBe(9);
        var days = Days(await (await office.GetAsync("/api/v1/calendar/2030")).JsonAsync());
        days.Count.ShouldBe(9);
        days.ShouldAllBe(d => d.GetProperty("source").GetString() == "国务院办公厅关于2030年部分节假日安排的通知");
        days.Single(d => d.GetProperty("date").GetString() == "2030-02-10").GetProperty("isWorkday").GetBoolean().ShouldBeTrue();

        // exported, it reads back as it went in
        var xlsx = await office.GetAsync("/api/v1/calendar/2030.xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = new MultipartFormDataContent { { new ByteArrayContent(await xlsx.Content.ReadAsByteArrayAsync()), "file", "节假日-2030.xlsx" } };
        var reread = await (await office.PostAsync("/api/v1/calendar/import?dryRun=true", again)).JsonAsync();
        reread.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("days").GetInt32()).ShouldBe(9);

        var member = await app.ClientAsAsync(Role.GroupMember);
        await (await member.PostAsync("/api/v1/calendar/import", Csv(good))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Days_are_set_and_removed_at_the_version_read()
    {
        var office = await app.ClientAsAsync(Role.Office);
        (await office.PutAsJsonAsync("/api/v1/calendar/2031-02-08", new { isWorkday = true, note = "调休上班", version = 0u })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await office.PutAsJsonAsync("/api/v1/calendar/2031-02-08", new { isWorkday = false, version = 0u })).ProblemAsync(HttpStatusCode.Conflict); // made meanwhile
        var day = Days(await (await office.GetAsync("/api/v1/calendar/2031")).JsonAsync()).Single();
        day.GetProperty("source").GetString()!.ShouldContain("手工设置");
        (await (await office.PutAsJsonAsync("/api/v1/calendar/2031-02-09", new { isWorkday = false, note = new string('注', 51), version = 0u })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("note")[0].ShouldContain("50");
        await (await office.DeleteAsync("/api/v1/calendar/2031-02-08")).ProblemAsync(HttpStatusCode.BadRequest); // no version
        await (await office.DeleteAsync($"/api/v1/calendar/2031-02-08?version={day.GetProperty("version").GetUInt32() + 1}")).ProblemAsync(HttpStatusCode.Conflict);
        (await office.DeleteAsync($"/api/v1/calendar/2031-02-08?version={day.GetProperty("version").GetUInt32()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Days(await (await office.GetAsync("/api/v1/calendar/2031")).JsonAsync()).ShouldBeEmpty();
        await (await office.DeleteAsync("/api/v1/calendar/2031-02-08?version=1")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static MultipartFormDataContent Csv(string text) =>
        new() { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), "file", "节假日安排.csv" } };
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
