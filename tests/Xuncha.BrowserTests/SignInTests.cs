using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

public class SignInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Sign_in_shows_the_home_page_with_the_role_navigation()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/organizations");
        page.Url.ShouldContain("/account/login");
        await BrowserApp.ShotAsync(page, "01-login");
        await page.FillAsync("#Input_UserName", name);
        await page.FillAsync("#Input_Password", "Wrong-Password-1");
        await page.ClickAsync("#login-submit");
        (await page.Locator(".alert-danger").InnerTextAsync()).ShouldContain("用户名或密码不正确");

        await page.FillAsync("#Input_UserName", name);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(app.BaseUrl + "/organizations"); // back to where they were going
        await page.GotoAsync("/");
        (await page.Locator("h1.page-title").InnerTextAsync()).ShouldBe("您好，测试" + name);
        (await page.Locator(".app-sidebar").InnerTextAsync()).ShouldContain("组织树");
        (await page.Locator(".app-sidebar").InnerTextAsync()).ShouldNotContain("审计日志");
        await BrowserApp.ShotAsync(page, "02-home-office");

        await page.ClickAsync("#user-menu");
        await page.ClickAsync("text=退出登录");
        await page.WaitForURLAsync("**/account/login**");
        (await page.Locator(".alert-info").InnerTextAsync()).ShouldContain("您已安全退出");
    }

    [Fact]
    public async Task A_forced_password_change_comes_before_anything_else()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office, mustChange: true);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_UserName", name);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync("**/account/changepassword**");
        (await page.Locator(".alert-warning").InnerTextAsync()).ShouldContain("请先设置只有您自己知道的新密码");
        (await page.InputValueAsync("#Input_UserName")).ShouldBe(name);

        await page.FillAsync("#Input_CurrentPassword", password);
        await page.FillAsync("#Input_NewPassword", "weakpassword");
        await page.FillAsync("#Input_ConfirmPassword", "weakpassword");
        await page.ClickAsync("#change-submit");
        (await page.Locator("span[data-valmsg-for='Input.NewPassword']").InnerTextAsync()).ShouldContain("至少 3 类");
        await BrowserApp.ShotAsync(page, "03-forced-change-refused");

        await page.FillAsync("#Input_CurrentPassword", password);
        await page.FillAsync("#Input_NewPassword", "My-Own-Password-2026");
        await page.FillAsync("#Input_ConfirmPassword", "My-Own-Password-2026");
        await page.ClickAsync("#change-submit");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        (await page.Locator(".alert-success").InnerTextAsync()).ShouldContain("密码已修改");
    }
}
