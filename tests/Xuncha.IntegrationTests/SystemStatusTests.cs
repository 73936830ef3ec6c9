using Microsoft.AspNetCore.Hosting;

namespace Xuncha.IntegrationTests;

/// <summary>The three administrators see how the installation runs, and are told loudly when its database login voids the audit trail's protection.</summary>
public class SystemStatusTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Under_the_two_logins_the_audit_trail_is_protected()
    {
        foreach (var role in new[] { Role.SysAdmin, Role.SecAdmin, Role.AuditAdmin })
        {
            var status = await (await (await app.ClientAsAsync(role)).GetAsync("/api/v1/admin/status")).JsonAsync();
            status.GetProperty("database").GetProperty("protectsAuditTrail").GetBoolean().ShouldBeTrue();
            status.GetProperty("database").GetProperty("name").GetString().ShouldBe(TestDatabase.AppRole);
            status.GetProperty("migrations").GetProperty("applied").GetInt32().ShouldBe(status.GetProperty("migrations").GetProperty("known").GetInt32());
        }
        foreach (var role in new[] { Role.Office, Role.LeadingGroup, Role.Discipline })
            (await (await app.ClientAsAsync(role)).GetAsync("/api/v1/admin/status")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (name, password) = await app.CreateUserAsync(Role.SysAdmin);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        var page = await (await web.GetAsync("/admin/status")).Content.ReadAsStringAsync();
        page.ShouldContain("审计日志受保护");
        page.ShouldNotContain("防篡改保护已失效");
    }
}

/// <summary>The application connected as the owner of the schema (one login for everything): the protection is void.</summary>
public sealed class OwnerLoginApp : XunchaApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("XUNCHA_DB", Database.OwnerConnectionString);
        builder.UseSetting("XUNCHA_DB_OWNER", "");
    }
}

public class OwnerLoginTests(OwnerLoginApp app) : IClassFixture<OwnerLoginApp>
{
    [Fact]
    public async Task Connected_as_the_owner_the_administrators_are_told_the_protection_is_void()
    {
        var status = await (await (await app.ClientAsAsync(Role.AuditAdmin)).GetAsync("/api/v1/admin/status")).JsonAsync();
        status.GetProperty("database").GetProperty("protectsAuditTrail").GetBoolean().ShouldBeFalse();
        status.GetProperty("database").GetProperty("warning").GetString()!.ShouldContain("拥有审计日志表");

        var (name, password) = await app.CreateUserAsync(Role.SysAdmin);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        var page = await (await web.GetAsync("/admin/status")).Content.ReadAsStringAsync();
        page.ShouldContain("审计日志的防篡改保护已失效");
        page.ShouldContain("XUNCHA_DB_OWNER");
    }
}
