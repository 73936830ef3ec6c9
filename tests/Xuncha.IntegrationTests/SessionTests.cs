using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Accounts;
using Xuncha.Data;

namespace Xuncha.IntegrationTests;

/// <summary>
/// Sessions live on the server: signing out, a password change, deactivation and the 系统管理员's 强制下线 end
/// them at once, for the old cookie and for bearer tokens; refresh tokens rotate and a reused one ends its session.
/// </summary>
public class SessionTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Signing_out_ends_the_session_so_the_old_cookie_opens_nothing_and_posts_nothing()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var web = new WebSession(app);
        var cookie = await SignInForCookieAsync(web, name, password);
        var replay = Replaying(cookie);
        (await replay.GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.GetAsync("/letters")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await web.PostFormAsync("/account/logout", [], tokenFrom: "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var url in new[] { "/ledger", "/letters", "/clues" })
        {
            var r = await replay.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            r.Headers.Location!.ToString().ShouldContain("/account/login");
        }
        var post = await replay.PostAsync("/organizations/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x" }));
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.ToString().ShouldContain("/account/login");
        (await EndReasonsAsync(name)).ShouldBe([SessionEnd.SignedOut]);
    }

    [Fact]
    public async Task Signing_out_of_the_api_ends_the_access_token_and_the_refresh_token()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var (client, refresh) = await ApiAsync(name, password);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_user_web_and_api()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var cookie = await SignInForCookieAsync(new WebSession(app), name, password);
        var (client, _) = await ApiAsync(name, password);
        var (other, otherPassword) = await app.CreateUserAsync(Role.Office);
        var (otherClient, _) = await ApiAsync(other, otherPassword);

        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/change-password",
            new { userName = name, currentPassword = password, newPassword = "Another-Password-2027" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Replaying(cookie).GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await otherClient.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // nobody else's
        (await EndReasonsAsync(name)).ShouldAllBe(r => r == SessionEnd.PasswordChanged);
    }

    [Fact]
    public async Task Deactivation_ends_the_cookie_session_too()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var cookie = await SignInForCookieAsync(new WebSession(app), name, password);
        var id = await IdOfAsync(name);
        await app.AsAsync(XunchaApp.System, async sp =>
        {
            var accounts = sp.GetRequiredService<AccountService>();
            await accounts.SetActiveAsync(id, false, (await accounts.GetAsync(id)).Version);
        });
        (await Replaying(cookie).GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await EndReasonsAsync(name)).ShouldBe([SessionEnd.Deactivated]);
    }

    [Fact]
    public async Task The_system_administrator_lists_a_users_sessions_and_ends_one_or_all()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var id = await IdOfAsync(name);
        var cookie = await SignInForCookieAsync(new WebSession(app), name, password);
        var (client, _) = await ApiAsync(name, password);
        var sysadmin = await app.ClientAsAsync(Role.SysAdmin);

        var list = await (await sysadmin.GetAsync($"/api/v1/accounts/{id}/sessions")).JsonAsync();
        list.GetArrayLength().ShouldBe(2);
        list.EnumerateArray().ShouldAllBe(s => s.GetProperty("isLive").GetBoolean());
        list.EnumerateArray().Select(s => s.GetProperty("clientAddress").GetString()).ShouldAllBe(a => a == "127.0.0.1");
        var apiSession = list.EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "Api").GetProperty("id").GetGuid();

        (await sysadmin.DeleteAsync($"/api/v1/accounts/{id}/sessions/{apiSession}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Replaying(cookie).GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK); // only that one

        // the page: the web session is still live; 全部强制下线 ends it
        var (sys, sysPassword) = await app.CreateUserAsync(Role.SysAdmin);
        var web = new WebSession(app);
        await web.SignInAsync(sys, sysPassword);
        var page = await (await web.GetAsync($"/admin/sessions/{id}")).Content.ReadAsStringAsync();
        page.ShouldContain("在线");
        page.ShouldContain("已强制下线");
        var ended = await web.FollowAsync(await web.PostFormAsync($"/admin/sessions/{id}?handler=End", [], tokenFrom: $"/admin/sessions/{id}"));
        ended.ShouldContain("已让该账号的全部会话下线");
        (await Replaying(cookie).GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await EndReasonsAsync(name)).ShouldAllBe(r => r == SessionEnd.EndedByAdministrator);

        var audit = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents
            .Where(e => e.Action == Audit.AuditAction.SessionEnd && e.ObjectId == id.ToString()).CountAsync());
        audit.ShouldBe(2);
    }

    [Fact]
    public async Task Sessions_are_the_system_administrators_business_and_foreign_ids_are_404()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var id = await IdOfAsync(name);
        var (client, _) = await ApiAsync(name, password);
        (await client.GetAsync($"/api/v1/accounts/{id}/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.DeleteAsync($"/api/v1/accounts/{id}/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var secadmin = await app.ClientAsAsync(Role.SecAdmin);
        (await secadmin.GetAsync($"/api/v1/accounts/{id}/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var sysadmin = await app.ClientAsAsync(Role.SysAdmin);
        await (await sysadmin.GetAsync($"/api/v1/accounts/{Guid.NewGuid()}/sessions")).ProblemAsync(HttpStatusCode.NotFound);
        // another account's session through this account's address
        var (other, otherPassword) = await app.CreateUserAsync(Role.Office);
        await ApiAsync(other, otherPassword);
        var otherSession = (await (await sysadmin.GetAsync($"/api/v1/accounts/{await IdOfAsync(other)}/sessions")).JsonAsync())[0].GetProperty("id").GetGuid();
        await (await sysadmin.DeleteAsync($"/api/v1/accounts/{id}/sessions/{otherSession}")).ProblemAsync(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_once_and_a_reused_refresh_token_ends_the_session()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var (client, refresh) = await ApiAsync(name, password);
        var anonymous = app.Anonymous();

        var renewed = await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).JsonAsync();
        var next = Bearer(renewed.GetProperty("accessToken").GetString()!);
        (await next.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // the pair it replaced is dead
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // the old refresh token again: someone else may hold it, so the whole session ends
        var reused = await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ProblemAsync(HttpStatusCode.Unauthorized);
        reused.GetProperty("title").GetString()!.ShouldContain("重新登录");
        (await next.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = renewed.GetProperty("refreshToken").GetString() }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        (await EndReasonsAsync(name)).ShouldBe([SessionEnd.RefreshReused]);

        foreach (var junk in new[] { "", "not-a-token", refresh[..^4] + "AAAA" })
            await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = junk })).ProblemAsync(HttpStatusCode.Unauthorized);
        // an access token is no refresh token
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = renewed.GetProperty("accessToken").GetString() }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_is_no_bearer_token_and_every_sign_in_starts_a_new_session()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var first = await SignInForCookieAsync(new WebSession(app), name, password);
        var second = await SignInForCookieAsync(new WebSession(app), name, password);
        first.ShouldNotBe(second);
        // the page cookie does not open the API
        (await Replaying(first).GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_name_is_locked_out_exactly_like_an_account()
    {
        var (name, _) = await app.CreateUserAsync(Role.Office);
        var answers = new List<(HttpStatusCode, string, string, bool)>();
        foreach (var who in new[] { name, "ghost-" + Guid.NewGuid().ToString("N")[..6] })
        {
            var client = app.Anonymous();
            for (var i = 1; i <= 6; i++)
            {
                var r = await client.LoginAsync(who, "Wrong-Password-" + i);
                var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
                // the time in the message differs by the seconds between the two runs; the shape may not
                var title = System.Text.RegularExpressions.Regex.Replace(body.GetProperty("title").GetString()!, @"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "T");
                answers.Add((r.StatusCode, body.GetProperty("type").GetString()!, title, body.TryGetProperty("lockedUntil", out _)));
            }
        }
        answers.Take(6).ShouldBe(answers.Skip(6));
        answers[4].Item1.ShouldBe((HttpStatusCode)423);
        answers[5].Item1.ShouldBe((HttpStatusCode)423);
        answers[3].Item1.ShouldBe(HttpStatusCode.Unauthorized);

        // the sign-in page says the same for both
        var pages = new List<string>();
        foreach (var who in new[] { name, "ghost-" + Guid.NewGuid().ToString("N")[..6] })
        {
            var web = new WebSession(app);
            string html = "";
            for (var i = 1; i <= 5; i++)
                html = await (await web.PostFormAsync("/account/login", new() { ["Input.UserName"] = who, ["Input.Password"] = "Wrong-" + i })).Content.ReadAsStringAsync();
            pages.Add(System.Text.RegularExpressions.Regex.Match(html, "账号已锁定至").Value.Length > 0 ? "locked" : "not locked");
        }
        pages.ShouldBe(["locked", "locked"]);
    }

    private HttpClient Replaying(string cookie)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private HttpClient Bearer(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in through the page and returns the session cookie it set (name=value).</summary>
    internal static async Task<string> SignInForCookieAsync(WebSession web, string name, string password)
    {
        var r = await web.PostFormAsync("/account/login", new() { ["Input.UserName"] = name, ["Input.Password"] = password });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return r.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("xuncha="));
    }

    private async Task<(HttpClient Client, string Refresh)> ApiAsync(string name, string password)
    {
        var token = await (await app.Anonymous().LoginAsync(name, password)).JsonAsync();
        return (Bearer(token.GetProperty("accessToken").GetString()!), token.GetProperty("refreshToken").GetString()!);
    }

    private Task<Guid> IdOfAsync(string name) =>
        app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().FindIdAsync(name));

    private Task<List<SessionEnd>> EndReasonsAsync(string name) => app.AsAsync(XunchaApp.System, sp =>
        (from s in sp.GetRequiredService<XunchaDbContext>().Sessions
         join u in sp.GetRequiredService<XunchaDbContext>().Users on s.UserId equals u.Id
         where u.UserName == name && s.EndReason != null
         select s.EndReason!.Value).ToListAsync());
}

/// <summary>The app on a clock the test moves: idle and absolute session lifetimes.</summary>
public sealed class SessionClockApp : XunchaApp
{
    public SessionClockApp() => Clock = new ManualClock(TimeProvider.System.GetUtcNow());
}

public class SessionLifetimeTests(SessionClockApp app) : IClassFixture<SessionClockApp>
{
    [Fact]
    public async Task Thirty_idle_minutes_end_a_session_and_twelve_hours_end_it_however_busy()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        app.Clock!.Advance(TimeSpan.FromMinutes(29));
        (await web.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await web.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var token = await (await app.Anonymous().LoginAsync(name, password)).JsonAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token.GetProperty("refreshToken").GetString() }))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        // busy all day: a request every twenty minutes keeps the session until twelve hours are up
        var busy = new WebSession(app);
        await busy.SignInAsync(name, password);
        var api = await (await app.Anonymous().LoginAsync(name, password)).JsonAsync();
        var refresh = api.GetProperty("refreshToken").GetString()!;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.6); elapsed += TimeSpan.FromMinutes(20))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            (await busy.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK, $"after {elapsed}");
            var renewed = await (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).JsonAsync();
            refresh = renewed.GetProperty("refreshToken").GetString()!;
        }
        app.Clock.Advance(TimeSpan.FromMinutes(21)); // 12 h 01 min after signing in, 21 min after the last use
        (await busy.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Housekeeping_clears_old_sessions_throttles_and_replayable_answers_but_nothing_recent()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = await app.ClientForAsync(name, password);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Add("Idempotency-Key", "housekeeping-1");
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.Anonymous().LoginAsync("ghost-housekeeping", "Wrong-Password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        async Task<(int Sessions, int Throttles, int Answers)> CountAsync() => await app.AsAsync(XunchaApp.System, async sp =>
        {
            var db = sp.GetRequiredService<XunchaDbContext>();
            return (await db.Sessions.CountAsync(), await db.SignInThrottles.CountAsync(), await db.IdempotencyRecords.CountAsync());
        });
        var before = await CountAsync();
        before.Sessions.ShouldBeGreaterThan(0);
        before.Throttles.ShouldBeGreaterThan(0);
        before.Answers.ShouldBeGreaterThan(0);
        (await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Housekeeping>().RunAsync())).ShouldBe(0);

        app.Clock!.Advance(TimeSpan.FromDays(8));
        (await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Housekeeping>().RunAsync())).ShouldBeGreaterThan(0);
        (await CountAsync()).ShouldBe((0, 0, 0));
    }
}
