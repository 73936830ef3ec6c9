using Microsoft.Extensions.DependencyInjection;
using Xuncha.Notifications;

namespace Xuncha.IntegrationTests;

public class AdminFeatureTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Terms_of_a_committee_never_overlap_and_end_after_they_start()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var md = await app.OrgIdAsync("MD");
        var terms = await (await office.GetAsync("/api/v1/terms")).JsonAsync();
        terms.EnumerateArray().Count(t => t.GetProperty("isCurrent").GetBoolean()).ShouldBe(1);

        var overlap = await (await office.PostAsJsonAsync("/api/v1/terms", new { committeeId = md, name = "第十四届党委", startDate = "2027-01-01", endDate = "2032-05-31" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        overlap.FieldErrors("startDate")[0].ShouldContain("第十三届党委");
        var backwards = await (await office.PostAsJsonAsync("/api/v1/terms", new { committeeId = md, name = "倒序", startDate = "2033-01-01", endDate = "2032-01-01" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        backwards.FieldErrors("endDate").ShouldBe(["结束日期须晚于开始日期。"]);
        var notCommittee = await (await office.PostAsJsonAsync("/api/v1/terms", new { committeeId = await app.OrgIdAsync("CWC"), name = "x", startDate = "2040-01-01", endDate = "2041-01-01" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        notCommittee.FieldErrors("committeeId").ShouldBe(["届次只能设在党委之下。"]);

        var created = await (await office.PostAsJsonAsync("/api/v1/terms", new { committeeId = md, name = "第十四届党委", startDate = "2027-06-01", endDate = "2032-05-31" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetUInt32();
        (await office.PutAsJsonAsync($"/api/v1/terms/{id}", new { name = "第十四届党委（更正）", startDate = "2027-06-01", endDate = "2032-06-30", version }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await office.PutAsJsonAsync($"/api/v1/terms/{id}", new { name = "再改", startDate = "2027-06-01", endDate = "2032-06-30", version }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var leader = await app.ClientAsAsync(Role.LeadingGroup);
        (await leader.GetAsync("/api/v1/terms")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await leader.PostAsJsonAsync("/api/v1/terms", new { committeeId = md, name = "x", startDate = "2050-01-01", endDate = "2051-01-01" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_stricter_policy_applies_at_once_and_a_weaker_one_is_refused()
    {
        var sec = await app.ClientAsAsync(Role.SecAdmin);
        var policy = await (await sec.GetAsync("/api/v1/security-policy")).JsonAsync();
        policy.GetProperty("idleTimeoutMinutes").GetInt32().ShouldBe(30);
        var version = policy.GetProperty("version").GetUInt32();
        var weaker = await (await sec.PutAsJsonAsync("/api/v1/security-policy",
            new { passwordMinLength = 8, passwordCharClasses = 2, maxFailedAttempts = 10, lockoutMinutes = 5, version })).ProblemAsync(HttpStatusCode.BadRequest);
        weaker.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(
            ["passwordMinLength", "passwordCharClasses", "maxFailedAttempts", "lockoutMinutes"], ignoreOrder: true);

        var stricter = await (await sec.PutAsJsonAsync("/api/v1/security-policy",
            new { passwordMinLength = 12, passwordCharClasses = 4, maxFailedAttempts = 3, lockoutMinutes = 30, version })).JsonAsync();
        try
        {
            var (name, password) = await app.CreateUserAsync(Role.Office);
            var client = app.Anonymous();
            var change = await (await client.PostAsJsonAsync("/api/v1/auth/change-password",
                new { userName = name, currentPassword = password, newPassword = "Twelvechars12" })).ProblemAsync(HttpStatusCode.BadRequest);
            change.FieldErrors("newPassword").ShouldContain("密码须包含大写字母、小写字母、数字、其他符号中的至少 4 类。");
            for (var i = 0; i < 2; i++) (await client.LoginAsync(name, "Wrong-Password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var locked = await (await client.LoginAsync(name, "Wrong-Password-1")).ProblemAsync((HttpStatusCode)423);
            (locked.GetProperty("lockedUntil").GetDateTimeOffset() - DateTimeOffset.UtcNow).TotalMinutes.ShouldBeInRange(29.5, 30.1);
        }
        finally
        {
            (await sec.PutAsJsonAsync("/api/v1/security-policy", new { passwordMinLength = 10, passwordCharClasses = 3, maxFailedAttempts = 5, lockoutMinutes = 15,
                version = stricter.GetProperty("version").GetUInt32() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_system_administrator_backs_up_the_database_on_the_server()
    {
        var sys = await app.ClientAsAsync(Role.SysAdmin);
        var file = await (await sys.PostAsync("/api/v1/backups", null)).JsonAsync();
        var name = file.GetProperty("name").GetString()!;
        name.ShouldStartWith("xuncha-");
        File.Exists(Path.Combine(app.DataDirectory, "backups", name)).ShouldBeTrue();
        file.GetProperty("bytes").GetInt64().ShouldBeGreaterThan(10_000);
        var list = await (await sys.GetAsync("/api/v1/backups")).JsonAsync();
        list.EnumerateArray().ShouldContain(f => f.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task A_lockout_notifies_the_system_administrators()
    {
        var (sysName, sysPassword) = await app.CreateUserAsync(Role.SysAdmin);
        var sys = await app.ClientForAsync(sysName, sysPassword);
        var (name, _) = await app.CreateUserAsync(Role.Office);
        for (var i = 0; i < 5; i++) await app.Anonymous().LoginAsync(name, "Wrong-Password-1");
        var mine = await (await sys.GetAsync("/api/v1/notifications")).JsonAsync();
        mine.GetProperty("unread").GetInt32().ShouldBeGreaterThan(0);
        var notice = mine.GetProperty("items").EnumerateArray().First(n => n.GetProperty("title").GetString()!.Contains(name));
        notice.GetProperty("title").GetString()!.ShouldContain("被锁定至");
        (await sys.PostAsync($"/api/v1/notifications/{notice.GetProperty("id").GetGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // nobody else's notices can be read or touched
        var office = await app.ClientAsAsync(Role.Office);
        (await (await office.GetAsync("/api/v1/notifications")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
        await (await office.PostAsync($"/api/v1/notifications/{notice.GetProperty("id").GetGuid()}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
