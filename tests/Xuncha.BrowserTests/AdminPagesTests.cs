using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>Screens of the administrators and the auditor, walked once each.</summary>
public class AdminPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_system_administrator_creates_an_account_and_the_security_administrator_gives_it_a_role()
    {
        var sys = await app.SignedInPageAsync(Role.SysAdmin);
        await sys.GotoAsync("/admin/accounts");
        await BrowserApp.ShotAsync(sys, "10-accounts");
        await sys.ClickAsync("#account-new");
        await sys.FillAsync("#Input_UserName", "zhangwei");
        await sys.FillAsync("#Input_DisplayName", "张伟");
        await sys.PickAsync("Input_OrganizationId", "文学院党委");
        await sys.PostAsync("#account-save");
        var otp = (await sys.Locator("#otp").InnerTextAsync()).Trim();
        otp.Length.ShouldBe(14);
        await BrowserApp.ShotAsync(sys, "11-account-created");

        var sec = await app.SignedInPageAsync(Role.SecAdmin);
        await sec.GotoAsync("/admin/roles");
        await sec.ClickAsync("#roles-zhangwei");
        await sec.CheckAsync("#role-group-member");
        await sec.CheckAsync("#role-auditadmin");
        await sec.SubmitAsync("#roles-save");
        (await sec.Locator(".alert-danger").InnerTextAsync()).ShouldContain("不能兼任");
        await sec.UncheckAsync("#role-auditadmin");
        await sec.PostAsync("#roles-save");
        sec.Url.ShouldEndWith("/admin/roles");
        (await sec.Locator(".alert-success").InnerTextAsync()).ShouldContain("已更新“张伟”的角色");
        await BrowserApp.ShotAsync(sec, "12-roles");

        var aud = await app.SignedInPageAsync(Role.AuditAdmin);
        await aud.GotoAsync("/audit");
        await aud.ClickAsync("#audit-verify");
        (await aud.Locator("#verify-result").InnerTextAsync()).ShouldContain("审计记录完整");
        await aud.SelectOptionAsync("#action", "sign-in");
        await aud.ClickAsync("button:has-text('查询')");
        await aud.WaitForURLAsync("**action=sign-in**");
        (await aud.Locator("#audit-table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await BrowserApp.ShotAsync(aud, "13-audit");
    }
}
