using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>
/// The talent pool as the office keeps it in the demo (seed 004's 73 members and their history), and group
/// formation walked through the page: propose, edit into a violation that is refused, fix, adopt.
/// </summary>
public class PoolTourTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    private const string Password = "Pool-Tour-2026";

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
    public async Task The_office_browses_the_pool_a_members_record_the_statistics_the_review_and_the_rules()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/pool");
        (await office.Locator("#pool-members tbody tr").CountAsync()).ShouldBeGreaterThan(60);
        await BrowserApp.ShotAsync(office, "41-pool-list", fullPage: false);
        await office.SelectOptionAsync("#professionId", new SelectOptionValue { Label = "审计" });
        await office.SettledAsync();
        // the table is swapped for the filtered one: every row has the profession
        await office.WaitForFunctionAsync("() => { const rows = [...document.querySelectorAll('#pool-members tbody tr')]; return rows.length > 0 && rows.every(r => r.innerText.includes('审计')); }");
        (await office.Locator("#pool-members tbody tr").AllInnerTextsAsync()).ShouldAllBe(t => t.Contains("审计"));

        await office.GotoAsync("/pool");
        await office.ClickAsync("#pool-members a:text-is('钱伟')");
        var body = await office.Locator("main").InnerTextAsync();
        body.ShouldContain("曾任职单位");
        body.ShouldContain("教务处党总支");
        body.ShouldContain("2019年第一轮校内巡察");
        body.ShouldContain("省委第三巡视组");
        await BrowserApp.ShotAsync(office, "42-pool-member");

        await office.GotoAsync("/pool/stats");
        (await office.Locator("#pool-figures").InnerTextAsync()).ShouldContain("组长库");
        await office.Locator("#chart-professions canvas").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await BrowserApp.ShotAsync(office, "43-pool-stats");

        await office.GotoAsync("/pool/review");
        (await office.Locator("main").InnerTextAsync()).ShouldContain("年度在库");
        await BrowserApp.ShotAsync(office, "44-pool-review", fullPage: false);

        await office.GotoAsync("/pool/settings");
        (await office.InputValueAsync("#GroupMinSize")).ShouldBe("5");
        await BrowserApp.ShotAsync(office, "45-pool-settings");

        await office.GotoAsync("/");
        (await office.Locator("main").InnerTextAsync()).ShouldContain("孙立申请入库");
    }

    [Fact]
    public async Task The_first_rounds_appraisal_sheet_shows_leaders_and_office_grades()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/rounds");
        await office.ClickAsync("a:has-text('2019年第一轮校内巡察')");
        await office.ClickAsync("#round-appraisals");
        (await office.Locator("#appraisal-form tbody tr").CountAsync()).ShouldBe(15);
        (await office.Locator("#appraisal-form").InnerTextAsync()).ShouldContain("优秀");
        await BrowserApp.ShotAsync(office, "46-appraisals");
    }

    [Fact]
    public async Task A_unit_recommends_and_a_member_declares_a_relation_of_their_own()
    {
        var unit = await As("liufang");
        await unit.GotoAsync("/pool/join?recommend=true");
        await BrowserApp.ShotAsync(unit, "47-pool-recommend", fullPage: false);

        var member = await As("chenmin");
        await member.GotoAsync("/pool/me");
        await member.WaitForURLAsync("**/pool/*-*");
        await member.SelectOptionAsync("#relation-kind", "Relative");
        await member.PickAsync("relation-org", "体育学院");
        await member.FillAsync("input[name=personName]", "陈亮");
        await member.FillAsync("input[name=relation]", "兄弟");
        await member.ClickAsync("#relation-add");
        await member.WaitForURLAsync("**#relations");
        (await member.Locator("#relations").InnerTextAsync()).ShouldContain("兄弟 陈亮");
        await BrowserApp.ShotAsync(member, "48-pool-self-declared");
    }

    [Fact]
    public async Task The_office_forms_groups_edits_one_into_a_violation_that_is_refused_then_adopts_the_fixed_proposal()
    {
        var roundId = await app.AsAsync(XunchaApp.System, async sp =>
        {
            var rounds = sp.GetRequiredService<Rounds.RoundService>();
            var d = await rounds.DefaultsAsync();
            var today = sp.GetRequiredService<TimeProvider>().Today();
            var id = await rounds.CreateAsync(new Rounds.RoundInput(d.CommitteeId, d.TermId, d.Year, d.Ordinal, "第十三届党委第三轮巡察", Rounds.RoundType.Regular,
                null, null, today.AddDays(30), today.AddDays(60), d.TaxonomyId));
            var orgs = new List<Guid>();
            foreach (var code in new[] { "SXY", "WDY", "SKY", "LSY" }) orgs.Add(await app.OrgIdAsync(code));
            await rounds.SetTargetsAsync(id, orgs, null);
            return id;
        });
        var office = await As("wangxiao");
        await office.GotoAsync($"/rounds/{roundId}");
        await office.ClickAsync("#round-formation");
        await office.FillAsync("#groupCount", "2");
        await office.ClickAsync("#formation-propose");
        await office.Locator("#formation-form").WaitForAsync();
        (await office.Locator("#formation-summary").InnerTextAsync()).ShouldContain("简单贪心法得分");
        (await office.Locator("#check-summary").InnerTextAsync()).ShouldContain("全部巡察组符合硬性规则");
        (await office.Locator("#group-plan-0 .reasons").CountAsync()).ShouldBeGreaterThanOrEqualTo(5);
        (await office.Locator("#formation-exclusions").InnerTextAsync()).ShouldContain("数学科学学院党委");
        await BrowserApp.ShotAsync(office, "49-formation-proposal");

        // 周密 works in 数学科学学院: put him in the group that inspects it
        var group = (await office.Locator("#group-plan-0 legend").InnerTextAsync()).Contains("数学科学学院党委") ? 0 : 1;
        await office.PickAsync($"members-{group}", "周密");
        await office.Locator($"#check-{group} .violations").WaitForAsync();
        (await office.Locator($"#check-{group}").InnerTextAsync()).ShouldContain("周密所在单位就是巡察对象“数学科学学院党委”，须回避。");
        (await office.Locator("#check-summary").InnerTextAsync()).ShouldContain("不能采用");
        // the edited proposal is scored and explained again: the new member has his reasons
        (await office.Locator("#proposal-score-label").InnerTextAsync()).ShouldBe("修改后的方案得分");
        (await office.Locator($"#check-{group} .formation-members").InnerTextAsync()).ShouldContain("周密");
        await BrowserApp.ShotAsync(office, "50-formation-violation", fullPage: false);

        await office.ClickAsync("#formation-apply");
        await office.Locator(".validation-summary-errors").WaitForAsync();
        (await office.Locator(".validation-summary-errors").InnerTextAsync()).ShouldContain("周密所在单位就是巡察对象“数学科学学院党委”，须回避。");
        (await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Data.XunchaDbContext>().Groups.CountAsync(g => g.RoundId == roundId))).ShouldBe(0);

        await office.UnpickAsync($"members-{group}", "周密");
        await office.Locator($"#check-{group} .violations").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await office.ClickAsync("#formation-apply");
        await office.WaitForURLAsync($"**/rounds/{roundId}");
        (await office.Locator(".alert-success").InnerTextAsync()).ShouldContain("已按方案组建巡察组");
        (await office.Locator("[id^=group-]").CountAsync()).ShouldBe(2);
        await BrowserApp.ShotAsync(office, "51-formation-applied");
    }
}
