using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>The browser app with the whole demo, history included.</summary>
public sealed class DemoBrowserApp : BrowserApp
{
    protected override bool History => true;
}

/// <summary>
/// The demo as its people see it: each printed account signs in and finds its own work; the busiest pages render
/// the story's data (a finished round of 46 problems, a round in rectification) without a single failed request.
/// </summary>
public partial class DemoTourTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    private const string Password = "Demo-Tour-2026";

    private async Task<IPage> As(string userName, int width = 1366, int height = 768)
    {
        await app.SetPasswordAsync(userName, Password);
        var page = await app.SignInAsync(userName, Password, width, height);
        page.Response += (_, r) =>
        {
            if (r.Status >= 500) throw new ShouldAssertException($"{r.Status} from {r.Url}");
        };
        return page;
    }

    [Fact]
    public async Task The_office_sees_its_reviews_the_overdue_tasks_and_every_round()
    {
        var office = await As("wangxiao");
        (await office.Locator("main").InnerTextAsync()).ShouldContain("逾期");
        await BrowserApp.ShotAsync(office, "30-demo-office-home");

        await office.GotoAsync("/rounds");
        foreach (var name in new[] { "2019年第一轮校内巡察", "第十三届党委第一轮巡察", "选人用人工作专项巡察", "第十三届党委第二轮巡察" })
            (await office.Locator("main").InnerTextAsync()).ShouldContain(name);
        await BrowserApp.ShotAsync(office, "31-demo-rounds");

        await office.ClickAsync("a:has-text('2019年第一轮校内巡察')");
        (await office.Locator("#targets-table tbody tr").CountAsync()).ShouldBe(9);
        await BrowserApp.ShotAsync(office, "32-demo-first-round");

        await office.GotoAsync("/ledger");
        (await office.Locator("#ledger-totals").InnerTextAsync()).ShouldContain("59"); // 46 + 13 fed-back problems
        await BrowserApp.ShotAsync(office, "33-demo-ledger", fullPage: false);
        await office.CheckAsync("#overdue");
        await office.ClickAsync("button:has-text('查询')");
        await office.WaitForURLAsync("**overdue=true**");
        (await office.Locator("#ledger-table tbody tr.row-overdue").CountAsync()).ShouldBe(2);

        await office.GotoAsync("/problems");
        await BrowserApp.ShotAsync(office, "34-demo-problems");
    }

    [Fact]
    public async Task The_unit_sees_its_overdue_task_and_the_returned_then_approved_plan()
    {
        var unit = await As("liufang");
        (await unit.Locator(".countdown[data-level=Overdue]").CountAsync()).ShouldBeGreaterThan(0);
        await BrowserApp.ShotAsync(unit, "35-demo-unit-home");
        await unit.ClickAsync("main a:has-text('第十三届党委第一轮巡察')");
        (await unit.Locator(".page-header").InnerTextAsync()).ShouldContain("逾期"); // the report is late
        await BrowserApp.ShotAsync(unit, "36-demo-unit-report-late");
        await unit.ClickAsync(".page-header a:has-text('整改方案')");
        (await unit.Locator("body").InnerTextAsync()).ShouldContain("第 2 稿");
        await BrowserApp.ShotAsync(unit, "37-demo-unit-plan");
    }

    [Fact]
    public async Task The_leading_group_the_leader_and_the_member_each_find_their_work()
    {
        var leading = await As("liguoqiang");
        (await leading.Locator("main").InnerTextAsync()).ShouldContain("第十三届党委第二轮巡察");
        await BrowserApp.ShotAsync(leading, "38-demo-leading-home");

        var leader = await As("zhaojianjun");
        (await leader.Locator("main").InnerTextAsync()).ShouldContain("横向科研项目合同审核不严");
        await BrowserApp.ShotAsync(leader, "39-demo-leader-home");

        var member = await As("chenmin", 1920, 1080);
        (await member.Locator("main").InnerTextAsync()).ShouldContain("选人用人工作党委把关作用发挥不够");
        await BrowserApp.ShotAsync(member, "40-demo-member-home-1920");
    }
}
