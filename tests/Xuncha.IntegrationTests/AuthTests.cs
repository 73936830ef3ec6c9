using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xuncha.Accounts;

namespace Xuncha.IntegrationTests;

public class AuthTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Login_gives_a_bearer_token_that_opens_the_api()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = app.Anonymous();
        var token = await (await client.LoginAsync(name, password)).JsonAsync();
        token.GetProperty("expiresIn").GetInt32().ShouldBe(1800); // 30 minutes: the idle timeout
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var me = await (await client.GetAsync("/api/v1/auth/me")).JsonAsync();
        me.GetProperty("userName").GetString().ShouldBe(name);
        me.GetProperty("roles")[0].GetString().ShouldBe("office");
    }

    [Theory]
    [InlineData("nobody-here", "Whatever-2026")]
    [InlineData("", "")]
    public async Task Unknown_user_or_empty_gets_401(string name, string password)
    {
        var problem = await (await app.Anonymous().LoginAsync(name, password)).ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().ShouldBe("用户名或密码不正确。");
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_for_the_api_and_the_web()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = app.Anonymous();
        for (var i = 1; i <= 4; i++)
            await (await client.LoginAsync(name, "Wrong-Password-" + i)).ProblemAsync(HttpStatusCode.Unauthorized);
        var locked = await (await client.LoginAsync(name, "Wrong-Password-5")).ProblemAsync((HttpStatusCode)423);
        locked.GetProperty("type").GetString()!.ShouldEndWith("locked-out");
        locked.GetProperty("title").GetString()!.ShouldContain("锁定至");
        var until = locked.GetProperty("lockedUntil").GetDateTimeOffset();
        (until - DateTimeOffset.UtcNow).TotalMinutes.ShouldBeInRange(14.5, 15.1);

        // the right password does not open a locked account, on the API or the web page
        await (await client.LoginAsync(name, password)).ProblemAsync((HttpStatusCode)423);
        var page = await WebLoginAsync(name, password);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("账号已锁定至");

        // fifteen minutes later (the lockout end moved into the past) it opens again
        await app.Database.ExecAsSuperuserAsync($"UPDATE users SET lockout_end = now() - interval '1 second' WHERE user_name = '{name}'");
        (await client.LoginAsync(name, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = app.Anonymous();
        for (var i = 0; i < 4; i++) await client.LoginAsync(name, "Wrong-Password-1");
        (await client.LoginAsync(name, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 4; i++) (await client.LoginAsync(name, "Wrong-Password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_set_by_someone_else_must_be_changed_before_signing_in()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office, mustChange: true);
        var client = app.Anonymous();
        var problem = await (await client.LoginAsync(name, password)).ProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("type").GetString()!.ShouldEndWith("password-change-required");

        // weak, unchanged, wrong current password: each refused with a field message
        var weak = await (await Change(client, name, password, "short")).ProblemAsync(HttpStatusCode.BadRequest);
        weak.FieldErrors("newPassword").ShouldContain("密码至少 10 个字符。");
        var same = await (await Change(client, name, password, password)).ProblemAsync(HttpStatusCode.BadRequest);
        same.FieldErrors("newPassword").ShouldBe(["新密码不能与当前密码相同。"]);
        var wrong = await (await Change(client, name, "Not-The-Password-1", "Brand-New-Password-9")).ProblemAsync(HttpStatusCode.BadRequest);
        wrong.FieldErrors("currentPassword").ShouldBe(["当前密码不正确。"]);
        var missing = await (await client.PostAsJsonAsync("/api/v1/auth/change-password", new { userName = name })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.FieldErrors("newPassword").ShouldBe(["必填。"]);

        (await Change(client, name, password, "Brand-New-Password-9")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.LoginAsync(name, password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.LoginAsync(name, "Brand-New-Password-9")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resetting_or_deactivating_an_account_revokes_its_tokens_at_once()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = await app.ClientForAsync(name, password);
        (await client.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sysadmin = await app.ClientAsAsync(Role.SysAdmin);
        var id = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().FindIdAsync(name));

        var reset = await (await sysadmin.PostAsync($"/api/v1/accounts/{id}/reset-password", null)).JsonAsync();
        reset.GetProperty("oneTimePassword").GetString()!.Length.ShouldBe(14);
        (await client.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // the new one-time password must be changed first
        (await app.Anonymous().LoginAsync(name, reset.GetProperty("oneTimePassword").GetString()!)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (other, otherPassword) = await app.CreateUserAsync(Role.Office);
        var otherClient = await app.ClientForAsync(other, otherPassword);
        var otherId = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().FindIdAsync(other));
        var account = await (await sysadmin.GetAsync($"/api/v1/accounts/{otherId}")).JsonAsync();
        (await sysadmin.PostAsJsonAsync($"/api/v1/accounts/{otherId}/deactivate", new { version = account.GetProperty("version").GetString() }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await otherClient.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Anonymous().LoginAsync(other, otherPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Sessions_end_after_thirty_idle_minutes()
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        cookie.ExpireTimeSpan.ShouldBe(TimeSpan.FromMinutes(30));
        cookie.SlidingExpiration.ShouldBeTrue();
        cookie.Cookie.HttpOnly.ShouldBeTrue();
        var bearer = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        bearer.BearerTokenExpiration.ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Web_sign_in_with_a_forced_change_goes_to_the_change_page_then_home()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office, mustChange: true);
        var web = new WebSession(app);
        var login = await web.PostFormAsync("/account/login", new() { ["Input.UserName"] = name, ["Input.Password"] = password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().ShouldStartWith("/account/changepassword");
        var change = await web.PostFormAsync(login.Headers.Location!.ToString(), new()
        {
            ["Input.UserName"] = name, ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "Changed-By-Me-2026", ["Input.ConfirmPassword"] = "Changed-By-Me-2026",
        });
        change.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        change.Headers.Location!.ToString().ShouldBe("/");
        var home = await web.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("您好，测试" + name);
    }

    private Task<HttpResponseMessage> Change(HttpClient client, string name, string current, string next) =>
        client.PostAsJsonAsync("/api/v1/auth/change-password", new { userName = name, currentPassword = current, newPassword = next });

    private async Task<HttpResponseMessage> WebLoginAsync(string name, string password) =>
        await new WebSession(app).PostFormAsync("/account/login", new() { ["Input.UserName"] = name, ["Input.Password"] = password });
}
