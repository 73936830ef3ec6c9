using Microsoft.Playwright;
using Xuncha.Testing;

namespace Xuncha.BrowserTests;

/// <summary>The documents and workbooks of the demo's round in rectification, as the office and a unit get them from the pages.</summary>
public partial class DemoTourTests
{
    [Fact]
    public async Task The_office_downloads_the_rounds_documents_and_keeps_the_templates()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/rounds");
        await office.ClickAsync("a:text-is('第十三届党委第一轮巡察')");
        await office.ClickAsync("#downloads-menu");
        await office.Locator("#download-round-plan").WaitForAsync();
        await BrowserApp.ShotAsync(office, "51-round-downloads", fullPage: false);
        var plan = await office.RunAndWaitForDownloadAsync(() => office.ClickAsync("#download-round-plan"));
        plan.SuggestedFilename.ShouldBe("第十三届党委第一轮巡察工作方案.docx");
        OfficeChecks.AssertValid(await File.ReadAllBytesAsync((await plan.PathAsync())!), plan.SuggestedFilename);
        await office.ClickAsync("#downloads-menu");
        var problems = await office.RunAndWaitForDownloadAsync(() => office.ClickAsync("#download-problems"));
        problems.SuggestedFilename.ShouldEndWith("问题清单.xlsx");

        await office.GotoAsync("/settings/templates");
        (await office.Locator("#fonts").InnerTextAsync()).ShouldContain("仿宋_GB2312");
        await BrowserApp.ShotAsync(office, "52-templates");
        await office.Locator("#template-feedback input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "反馈意见.docx", MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = new Documents.OfficialDocument().Title("{{组名}}关于{{被巡察对像}}的反馈意见").Build(),
        });
        await office.ClickAsync("#upload-feedback");
        (await office.Locator(".alert-danger").InnerTextAsync()).ShouldContain("{{被巡察对像}}");
        await BrowserApp.ShotAsync(office, "53-template-refused", fullPage: false);
    }

    [Fact]
    public async Task A_unit_downloads_its_plan_as_Word_and_Excel_and_reads_the_Excel_back()
    {
        var unit = await As("yangliu");
        await unit.GotoAsync("/my");
        await unit.ClickAsync("a[href^='/targets/']");
        var target = System.Text.RegularExpressions.Regex.Match(unit.Url, "/targets/([0-9a-f-]{36})").Groups[1].Value;
        await unit.GotoAsync($"/targets/{target}");
        await unit.ClickAsync("#downloads-menu");
        var word = await unit.RunAndWaitForDownloadAsync(() => unit.ClickAsync("#download-plan"));
        word.SuggestedFilename.ShouldEndWith("整改方案.docx");
        OfficeChecks.AssertValid(await File.ReadAllBytesAsync((await word.PathAsync())!), word.SuggestedFilename);
        await unit.ClickAsync("#downloads-menu");
        var excel = await unit.RunAndWaitForDownloadAsync(() => unit.ClickAsync("#download-plan-xlsx"));
        var path = (await excel.PathAsync())!;

        await unit.GotoAsync($"/targets/{target}/import");
        await unit.Locator("#upload").SetInputFilesAsync(new FilePayload
        {
            Name = "整改方案.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = await File.ReadAllBytesAsync(path),
        });
        await unit.ClickAsync("#import-preview");
        (await unit.Locator("#import-nochange").InnerTextAsync()).ShouldContain("完全一致");
        (await unit.Locator("#import-rows tbody tr").CountAsync()).ShouldBeGreaterThan(3);
        await BrowserApp.ShotAsync(unit, "54-plan-import");
    }
}
