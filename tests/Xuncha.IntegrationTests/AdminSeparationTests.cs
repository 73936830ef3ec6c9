using Microsoft.Extensions.DependencyInjection;
using Xuncha.Accounts;

namespace Xuncha.IntegrationTests;

/// <summary>三员分立: the system, security and audit administrators are kept apart and read no business data.</summary>
public class AdminSeparationTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData(Role.SysAdmin)]
    [InlineData(Role.SecAdmin)]
    [InlineData(Role.AuditAdmin)]
    public async Task No_administrator_reads_business_data(Role admin)
    {
        var client = await app.ClientAsAsync(admin);
        foreach (var url in new[] { "/api/v1/organizations", "/api/v1/terms", "/api/v1/organizations/export", $"/api/v1/organizations/{await app.OrgIdAsync("CWC")}" })
            await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        var web = new WebSession(app);
        var (name, password) = await app.CreateUserAsync(admin);
        await web.SignInAsync(name, password);
        var page = await web.GetAsync("/organizations");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Fact]
    public async Task Each_administrator_reaches_only_their_own_tools()
    {
        var sys = await app.ClientAsAsync(Role.SysAdmin);
        var sec = await app.ClientAsAsync(Role.SecAdmin);
        var aud = await app.ClientAsAsync(Role.AuditAdmin);
        (await sys.GetAsync("/api/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sys.GetAsync("/api/v1/backups")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sys.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sys.GetAsync("/api/v1/security-policy")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await sec.GetAsync("/api/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sec.GetAsync("/api/v1/security-policy")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sec.PostAsJsonAsync("/api/v1/accounts", new { userName = "x1", displayName = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sec.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sec.GetAsync("/api/v1/backups")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await aud.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await aud.GetAsync("/api/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await aud.GetAsync("/api/v1/security-policy")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var office = await app.ClientAsAsync(Role.Office);
        (await office.GetAsync("/api/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await office.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task No_account_holds_two_administrator_roles_or_an_administrator_and_a_business_role()
    {
        var sec = await app.ClientAsAsync(Role.SecAdmin);
        var (name, _) = await app.CreateUserAsync(null);
        var id = await IdOf(name);
        foreach (var roles in new[] { new[] { "sysadmin", "auditadmin" }, ["secadmin", "sysadmin"], ["auditadmin", "office"] })
        {
            var version = await VersionOf(sec, id);
            var problem = await (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles, version })).ProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("roles")[0].ShouldContain("不能兼任");
        }
        var ok = await (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "auditadmin" }, version = await VersionOf(sec, id) })).JsonAsync();
        ok.GetProperty("roles")[0].GetString().ShouldBe("auditadmin");
        var unknown = await (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "root" }, version = await VersionOf(sec, id) })).ProblemAsync(HttpStatusCode.BadRequest);
        unknown.FieldErrors("roles")[0].ShouldContain("root");

        // the console is bound by the same rule
        var cli = await CliRunner.RunAsync(app.Database, app.DataDirectory, "Strong-Password-2026", "user", "add", "twohats", "--role", "sysadmin", "--role", "secadmin", "--password-stdin");
        cli.ExitCode.ShouldBe(1);
        cli.Error.ShouldContain("不能兼任");
    }

    [Fact]
    public async Task Administrators_cannot_act_on_themselves_or_across_duties()
    {
        var (secName, secPassword) = await app.CreateUserAsync(Role.SecAdmin);
        var sec = await app.ClientForAsync(secName, secPassword);
        var secId = await IdOf(secName);
        var self = await (await sec.PutAsJsonAsync($"/api/v1/accounts/{secId}/roles", new { roles = new[] { "secadmin", "office" }, version = await VersionOf(sec, secId) }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        self.GetProperty("title").GetString()!.ShouldContain("自己");

        var sys = await app.ClientAsAsync(Role.SysAdmin);
        var (auditName, _) = await app.CreateUserAsync(Role.AuditAdmin);
        var auditId = await IdOf(auditName);
        // the system administrator may not set roles, nor reset another administrator's password
        (await sys.PutAsJsonAsync($"/api/v1/accounts/{auditId}/roles", new { roles = new[] { "office" }, version = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reset = await (await sys.PostAsync($"/api/v1/accounts/{auditId}/reset-password", null)).ProblemAsync(HttpStatusCode.Forbidden);
        reset.GetProperty("title").GetString()!.ShouldContain("xuncha user reset-password");
        // the console may
        var cli = await CliRunner.RunAsync(app.Database, app.DataDirectory, null, "user", "reset-password", auditName);
        cli.ExitCode.ShouldBe(0, cli.Error);
        cli.Out.ShouldContain("一次性密码");
    }

    [Fact]
    public async Task Role_changes_take_effect_on_the_next_request()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = await app.ClientForAsync(name, password);
        (await client.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sec = await app.ClientAsAsync(Role.SecAdmin);
        var id = await IdOf(name);
        (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "unit" }, version = await VersionOf(sec, id) }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a liaison needs an organisation
        (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = Array.Empty<string>(), version = await VersionOf(sec, id) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stale_role_assignment_is_refused()
    {
        var sec = await app.ClientAsAsync(Role.SecAdmin);
        var (name, _) = await app.CreateUserAsync(null);
        var id = await IdOf(name);
        var version = await VersionOf(sec, id);
        (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "office" }, version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "discipline" }, version })).ProblemAsync(HttpStatusCode.Conflict);
        stale.GetProperty("type").GetString()!.ShouldEndWith("stale");
    }

    private Task<Guid> IdOf(string name) => app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().FindIdAsync(name));

    private static async Task<string> VersionOf(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/v1/accounts/{id}")).JsonAsync()).GetProperty("version").GetString()!;
}
