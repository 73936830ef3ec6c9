using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

public class OrganizationTreeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_office_browses_searches_edits_moves_and_deactivates_in_the_tree()
    {
        var page = await app.SignedInPageAsync(Role.Office);
        await page.ClickAsync(".app-sidebar >> text=组织树");
        await page.WaitForURLAsync("**/organizations");
        var rows = page.Locator("#org-tree tbody tr");
        (await rows.CountAsync()).ShouldBeGreaterThan(40);
        await BrowserApp.ShotAsync(page, "04-tree");

        // search narrows the tree to matches and their ancestors, highlighted, without reloading the page
        await page.FillAsync("#org-search", "财务");
        // typing sends a request per keystroke: wait for the last answer (three matches), not the first short tree
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#org-tree tr.is-match').length === 3");
        var names = await page.Locator("#org-tree tbody tr .tree-label").AllInnerTextsAsync();
        names.ShouldContain("财务处党总支");
        names.ShouldContain("中共明德大学委员会");
        names.ShouldNotContain("文学院党委");
        (await page.Locator("#org-tree tr.is-match").CountAsync()).ShouldBe(3);
        await BrowserApp.ShotAsync(page, "05-tree-search");

        // folding a branch hides its children
        await page.FillAsync("#org-search", "");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#org-tree tbody tr').length > 40");
        var cwcId = await app.OrgIdAsync("CWC");
        var firstBranch = page.Locator($"#org-{await app.OrgIdAsync("CWC-1")}");
        (await firstBranch.IsVisibleAsync()).ShouldBeTrue();
        await page.ClickAsync($"#org-{cwcId} .tree-toggle");
        (await firstBranch.IsVisibleAsync()).ShouldBeFalse();
        await page.ClickAsync($"#org-{cwcId} .tree-toggle");

        // edit: a new secretary
        var branchId = await app.OrgIdAsync("CWC-2");
        await page.ClickAsync($"#org-{branchId} a[title='编辑']");
        await page.WaitForURLAsync($"**/organizations/edit/{branchId}");
        await page.FillAsync("#Input_Secretary", "林晓华");
        await BrowserApp.ShotAsync(page, "06-edit");
        await page.ClickAsync("#org-save");
        await page.WaitForURLAsync("**/organizations#org-*");
        (await page.Locator(".alert-success").InnerTextAsync()).ShouldContain("已保存“财务处第二党支部”");
        (await page.Locator($"#org-{branchId}").InnerTextAsync()).ShouldContain("林晓华");

        // move: pick another parent in the searchable select
        await page.GotoAsync($"/organizations/edit/{branchId}");
        await page.PickAsync("Input_ParentId", "资产管理处党总支");
        await page.ClickAsync("#org-save");
        await page.WaitForURLAsync("**/organizations#org-*");
        var zcc = await app.OrgIdAsync("ZCC");
        var zccPath = await page.GetAttributeAsync($"#org-{zcc}", "data-path");
        (await page.GetAttributeAsync($"#org-{branchId}", "data-path"))!.ShouldStartWith(zccPath!);

        // an invalid edit is refused on the form, in Chinese
        await page.GotoAsync($"/organizations/edit/{branchId}");
        await page.FillAsync("#Input_Code", "CWC");
        await page.ClickAsync("#org-save");
        (await page.Locator("span[data-valmsg-for='Input.Code']").InnerTextAsync()).ShouldBe("编码“CWC”已被使用。");
        await BrowserApp.ShotAsync(page, "07-edit-refused");

        // deactivate through the row's button (htmx swaps just that row)
        await page.GotoAsync("/organizations");
        await page.ClickAsync($"#org-{branchId} button[title='停用']");
        await page.Locator($"#org-{branchId}.is-inactive").WaitForAsync();
        (await page.Locator($"#org-{branchId}").InnerTextAsync()).ShouldContain("已停用");

        // a refused action shows its reason
        await page.ClickAsync($"#org-{cwcId} button[title='停用']");
        var toast = page.Locator(".toast .toast-body");
        await toast.WaitForAsync();
        (await toast.InnerTextAsync()).ShouldContain("下级组织");
        await BrowserApp.ShotAsync(page, "08-tree-refused");
    }

    [Fact]
    public async Task Pages_read_well_at_office_and_wide_screen_sizes()
    {
        foreach (var (w, h) in new[] { (1366, 768), (1920, 1080) })
        {
            var page = await app.SignedInPageAsync(Role.Office, w, h);
            await page.GotoAsync("/organizations");
            // nothing overflows sideways at this width
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
            (await page.Locator(".app-sidebar").IsVisibleAsync()).ShouldBeTrue();
            await BrowserApp.ShotAsync(page, $"09-tree-{w}x{h}");
        }
    }
}
