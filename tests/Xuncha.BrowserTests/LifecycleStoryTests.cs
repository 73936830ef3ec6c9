using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>The browser app on a clock the test moves forward (starting now, so the browser keeps its cookies).</summary>
public sealed class ClockBrowserApp : BrowserApp
{
    public ClockBrowserApp() => Clock = new ManualClock(TimeProvider.System.GetUtcNow());
}

/// <summary>
/// Seed 000's story walked through the pages by the people who act in it: the office plans a round of three
/// targets, the leading group approves, a member drafts problems and the leader approves them, the group reports,
/// the office feeds back, a unit's plan is returned once and approved, a task falls overdue and shows red, tasks
/// are closed on evidence, the reports are evaluated and the round completes; the ledger is exported. On the way:
/// every irreversible step asks once; a refused upload or appraisal keeps what was typed; the leader grades before
/// he sees the office's grade; fed-back problems are in the ledger before any plan exists; a unit without a liaison
/// has its plan entered by the office (代录, audited) until the 系统管理员 opens its account; a late report says so.
/// </summary>
public class LifecycleStoryTests(ClockBrowserApp app) : IClassFixture<ClockBrowserApp>
{
    private static readonly (string Code, string Name, string Unit)[] Targets =
    [
        ("CWC", "财务处党总支", "cwcunit"), ("ZCC", "资产管理处党总支", "zccunit"), ("MKS", "马克思主义学院党委", "mksunit"),
        ("TYY", "体育学院党委", "tyyunit"), // no liaison account until the office asks for one
    ];

    private const string Unlinked = "TYY";

    private readonly Dictionary<string, string> _passwords = [];
    private readonly Dictionary<string, IPage> _pages = [];
    private readonly List<string> _dialogs = [];

    private DateOnly Today => app.Clock!.Today();

    private async Task<IPage> As(string user)
    {
        if (_pages.TryGetValue(user, out var open)) return open;
        var page = await app.SignInAsync(user, _passwords[user]);
        page.Dialog += (_, d) => _dialogs.Add(d.Message);
        return _pages[user] = page;
    }

    /// <summary>Posts an irreversible step: it asks exactly once (the test accepts), then goes through.</summary>
    private async Task ConfirmedAsync(IPage page, string selector)
    {
        var before = _dialogs.Count;
        await Steps.PostAsync(page, selector);
        _dialogs.Count.ShouldBe(before + 1, $"{selector} should ask once before it acts");
        _dialogs[^1].ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>Moves the server's clock on; everyone signs in again (their sessions have idled out).</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        app.Clock!.Advance(by);
        foreach (var p in _pages.Values) await p.Context.CloseAsync();
        _pages.Clear();
    }

    [Fact]
    public async Task A_round_goes_from_plan_to_a_completed_rectification_through_the_pages()
    {
        foreach (var (role, name, org) in new[]
                 {
                     (Role.Office, "wangoffice", "XCB"), (Role.LeadingGroup, "lileading", "DWB"), (Role.GroupLeader, "zhaoleader", "TSG"),
                     (Role.GroupMember, "chenmember", "XXY"), (Role.SysAdmin, "sysadm", (string?)null), (Role.SecAdmin, "secadm", null),
                     (Role.AuditAdmin, "auditadm", null),
                 }.Concat(Targets.Where(t => t.Code != Unlinked).Select(t => (Role.Unit, t.Unit, (string?)t.Code))))
            _passwords[name] = (await app.CreateUserAsync(role, org, userName: name)).Password;
        // the group comes from the talent pool: the leader and the member act with their accounts, three more do not need one
        await app.AsAsync(XunchaApp.System, async sp =>
        {
            var pool = sp.GetRequiredService<Xuncha.Pool.PoolService>();
            var db = sp.GetRequiredService<Xuncha.Data.XunchaDbContext>();
            var ranks = await db.PoolRanks.ToDictionaryAsync(r => r.Name, r => r.Id);
            async Task Enrol(string name, string org, string rank, bool leader, string? account)
            {
                var user = account is null ? (Guid?)null : await db.Users.Where(u => u.UserName == account).Select(u => u.Id).SingleAsync();
                await pool.EnrolAsync(new Xuncha.Pool.MemberInput(name, await app.OrgIdAsync(org), null, ranks[rank], leader, false, null, null, [], user), "测试");
            }
            await Enrol("赵组长", "TSG", "正处", true, "zhaoleader");
            await Enrol("陈组员", "XXY", "正科", false, "chenmember");
            foreach (var (n, o) in new[] { ("甲组员", "KJC"), ("乙组员", "GJC"), ("丙组员", "LSY") }) await Enrol(n, o, "副科", false, null);
        });

        // 1. The office plans the round: details, three targets, one group; submits it.
        var office = await As("wangoffice");
        await office.GotoAsync("/rounds/edit");
        await office.FillAsync("#Input_Name", "十三届党委第二轮巡察");
        await office.FillAsync("#Input_PlannedStart", Today.ToString("yyyy-MM-dd"));
        await office.FillAsync("#Input_PlannedEnd", Today.AddMonths(1).ToString("yyyy-MM-dd"));
        await office.FillAsync("#Input_Theme", "聚焦“两个维护”");
        await Steps.PostAsync(office, "#round-save");
        var roundUrl = office.Url;
        roundUrl.ShouldMatch(@"/rounds/[0-9a-f-]{36}$");

        await office.GotoAsync(roundUrl + "/targets");
        foreach (var t in Targets) await Steps.PickAsync(office, "targets", t.Name);
        await Steps.PostAsync(office, "#targets-save");

        await office.GotoAsync(roundUrl + "/group");
        await Steps.PickAsync(office, "leaderId", "赵组长");
        foreach (var m in new[] { "陈组员", "甲组员", "乙组员", "丙组员" }) await Steps.PickAsync(office, "memberIds", m);
        foreach (var box in await office.Locator("input[name=targetIds]").AllAsync()) await box.CheckAsync();
        await Steps.PostAsync(office, "#group-save");
        await BrowserApp.ShotAsync(office, "20-round-draft");
        await ConfirmedAsync(office, "#round-submit");
        await StatusIs(office, "待审批");

        // 2. The leading group approves; the office starts fieldwork.
        var leading = await As("lileading");
        await leading.GotoAsync(roundUrl);
        await leading.FillAsync("#round-comment", "同意。");
        await ConfirmedAsync(leading, "#round-approve");
        await StatusIs(leading, "已批准");
        await office.GotoAsync(roundUrl);
        await ConfirmedAsync(office, "#round-start");
        await StatusIs(office, "进驻中");

        // 3. The member drafts a problem per target with evidence; the leader returns one, then approves all.
        var member = await As("chenmember");
        var problems = new List<string>();
        foreach (var t in Targets)
        {
            await member.GotoAsync("/problems/edit");
            await member.SelectOptionAsync("#Input_TargetId", new SelectOptionValue { Label = await OptionLabel(member, "#Input_TargetId", t.Name) });
            await member.SelectOptionAsync("#Input_CategoryId", new SelectOptionValue { Index = 3 });
            await member.FillAsync("#Input_Title", $"{t.Name}落实全面从严治党主体责任不够有力");
            await member.FillAsync("#Input_Manifestation", "党风廉政建设责任书未逐级签订，廉政风险点排查不全面。");
            await member.FillAsync("#Input_Basis", "《党委（党组）落实全面从严治党主体责任规定》");
            if (problems.Count == 0)
            {
                // a file that only calls itself a PDF is refused with its reason beside the file field; what was typed stays
                await member.SetInputFilesAsync("#files", new FilePayload { Name = "谈话记录.pdf", MimeType = "application/pdf", Buffer = "MZ this is not a PDF"u8.ToArray() });
                await Steps.SubmitAsync(member, "#problem-save");
                (await member.Locator("#files-error").InnerTextAsync()).ShouldContain("谈话记录.pdf");
                (await member.InputValueAsync("#Input_Title")).ShouldBe($"{t.Name}落实全面从严治党主体责任不够有力");
                (await member.InputValueAsync("#Input_Manifestation")).ShouldContain("党风廉政建设责任书");
                await BrowserApp.ShotAsync(member, "21a-problem-fake-pdf");
            }
            await member.SetInputFilesAsync("#files", new FilePayload { Name = "谈话记录.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await Steps.PostAsync(member, "#problem-save");
            (await member.Locator(".page-header").InnerTextAsync()).ShouldContain("未编号");
            await ConfirmedAsync(member, "#problem-submit");
            problems.Add(member.Url);
        }
        await BrowserApp.ShotAsync(member, "21-problem-submitted");

        var leader = await As("zhaoleader");
        await leader.GotoAsync(problems[0]);
        await leader.FillAsync("#problem-reason", "请写明未签订责任书的科室数量。");
        await Steps.PostAsync(leader, "#problem-return");
        await member.GotoAsync(problems[0]);
        await member.ClickAsync("#problem-edit");
        await member.FillAsync("#Input_Manifestation", "5个科室中有3个未签订党风廉政建设责任书，廉政风险点排查不全面。");
        await Steps.PostAsync(member, "#problem-save");
        await ConfirmedAsync(member, "#problem-submit");
        foreach (var url in problems)
        {
            await leader.GotoAsync(url);
            await ConfirmedAsync(leader, "#problem-approve");
            (await leader.Locator(".page-header").InnerTextAsync()).ShouldMatch(@"巡-1组-0\d号");
        }
        await BrowserApp.ShotAsync(leader, "22-problem-approved");

        // 4. Fieldwork ends; the leader reports; the leading group approves; the office gives feedback to each target.
        await office.GotoAsync(roundUrl);
        await ConfirmedAsync(office, "#round-end");
        await leader.GotoAsync(roundUrl);
        await leader.ClickAsync("#group-1 a:has-text('巡察报告')");
        await leader.FillAsync("#report-assessment", "被巡察党组织总体能够贯彻落实学校党委决策部署，但在管党治党方面存在一些问题。");
        await leader.FillAsync("#report-suggestions", "一是压实主体责任；二是完善内控制度。");
        await Steps.PostAsync(leader, "#report-save");
        await ConfirmedAsync(leader, "#report-submit");
        var groupReportUrl = leader.Url;
        await leading.GotoAsync(groupReportUrl);
        await ConfirmedAsync(leading, "#report-approve");
        await office.GotoAsync(roundUrl);
        foreach (var t in Targets)
        {
            await ConfirmedAsync(office, $"#targets-table tr:has-text('{t.Name}') button:has-text('反馈')");
            _dialogs[^1].ShouldContain(t.Name);
        }
        await StatusIs(office, "已反馈");
        var feedbackDay = Today;
        var roundId = roundUrl[(roundUrl.LastIndexOf('/') + 1)..];

        // 4a. Every fed-back problem is in the ledger at once, with where its plan stands.
        await office.GotoAsync($"/ledger?roundId={roundId}");
        (await office.Locator("#ledger-table tbody tr").CountAsync()).ShouldBe(Targets.Length);
        foreach (var stage in await office.Locator("#ledger-table .ledger-stage").AllInnerTextsAsync()) stage.ShouldBe("方案编制中");

        // 4b. Appraisals: the office grades first; the leader does not see it until he has graded; a refused sheet keeps its input.
        await office.GotoAsync(roundUrl + "/appraisals");
        await office.SelectOptionAsync("#appraisal-form tr:has-text('陈组员') select", "Competent");
        await office.FillAsync("#appraisal-form tr:has-text('陈组员') input[name$='.Comment']", "办公室意见：材料扎实");
        await Steps.PostAsync(office, "#appraisal-save");
        await leader.GotoAsync(roundUrl + "/appraisals");
        var chen = leader.Locator("#appraisal-form tr:has-text('陈组员')");
        (await chen.Locator(".office-withheld").CountAsync()).ShouldBe(1);
        (await chen.InnerTextAsync()).ShouldNotContain("办公室意见");
        await leader.SelectOptionAsync("#appraisal-form tr:has-text('陈组员') select", "Excellent");
        await leader.FillAsync("#appraisal-form tr:has-text('陈组员') input[name$='.Comment']", "发现问题精准");
        await leader.SelectOptionAsync("#appraisal-form tr:has-text('甲组员') select", "Excellent");
        await leader.FillAsync("#appraisal-form tr:has-text('甲组员') input[name$='.Comment']", "工作积极主动");
        await Steps.SubmitAsync(leader, "#appraisal-save");
        (await leader.Locator("#appraisal-errors").InnerTextAsync()).ShouldContain("优秀");
        (await leader.InputValueAsync("#appraisal-form tr:has-text('甲组员') select")).ShouldBe("Excellent");
        (await leader.InputValueAsync("#appraisal-form tr:has-text('甲组员') input[name$='.Comment']")).ShouldBe("工作积极主动");
        (await leader.InputValueAsync("#appraisal-form tr:has-text('陈组员') input[name$='.Comment']")).ShouldBe("发现问题精准");
        await BrowserApp.ShotAsync(leader, "22a-appraisal-refused");
        await leader.SelectOptionAsync("#appraisal-form tr:has-text('甲组员') select", "Competent");
        await Steps.PostAsync(leader, "#appraisal-save");
        (await leader.Locator("#appraisal-form tr:has-text('陈组员')").InnerTextAsync()).ShouldContain("办公室意见：材料扎实");

        // 5. Each unit writes its plan. CWC's is returned once with a comment on its task, revised and approved.
        var targetUrls = new Dictionary<string, string>();
        foreach (var (t, i) in Targets.Select((t, i) => (t, i)).Where(x => x.t.Code != Unlinked))
        {
            var unit = await As(t.Unit);
            await unit.GotoAsync("/");
            await unit.ClickAsync($"a[href^='/targets/']:has-text('{Round}')");
            targetUrls[t.Code] = unit.Url;
            await WriteTaskAsync(unit, i);
            await ConfirmedAsync(unit, "#plan-submit");
        }
        // 体育学院 has no liaison: the office enters its plan (代录) and asks the 系统管理员 for an account
        await office.GotoAsync(roundUrl);
        await office.ClickAsync($"#targets-table a[href^='/targets/']:has-text('{Targets[3].Name}')");
        targetUrls[Unlinked] = office.Url;
        (await office.Locator("#plan-on-behalf").InnerTextAsync()).ShouldContain("代录");
        await WriteTaskAsync(office, 3);
        await ConfirmedAsync(office, "#plan-submit");
        await Steps.PostAsync(office, "#request-liaison");
        (await office.Locator(".alert-success").InnerTextAsync()).ShouldContain("系统管理员");
        await BrowserApp.ShotAsync(office, "22b-plan-on-behalf");
        var auditor = await As("auditadm");
        await auditor.GotoAsync("/audit?action=on-behalf");
        (await auditor.Locator("#audit-table tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(2); // the task, the submission
        (await auditor.Locator("#audit-table").InnerTextAsync()).ShouldContain("wangoffice");

        // the 系统管理员 follows the notice to the account form, the unit already chosen; the 安全管理员 gives the role
        var sys = await As("sysadm");
        await sys.GotoAsync("/notifications");
        await sys.ClickAsync($".notification-link:has-text('{Targets[3].Name}')");
        await sys.WaitForURLAsync("**/admin/account-edit?organizationId=*");
        (await sys.Locator("#Input_OrganizationId option:checked").InnerTextAsync()).ShouldContain(Targets[3].Name);
        await sys.FillAsync("#Input_UserName", Targets[3].Unit);
        await sys.FillAsync("#Input_DisplayName", "体育学院联络员");
        await Steps.PostAsync(sys, "#account-save");
        (await sys.Locator("#otp").InnerTextAsync()).Trim().Length.ShouldBe(14);
        var sec = await As("secadm");
        await sec.GotoAsync("/admin/roles");
        await sec.ClickAsync($"#roles-{Targets[3].Unit}");
        await sec.CheckAsync("#role-unit");
        await Steps.PostAsync(sec, "#roles-save");
        _passwords[Targets[3].Unit] = "Tyy-Liaison-2026";
        await app.SetPasswordAsync(Targets[3].Unit, _passwords[Targets[3].Unit]);
        // now the unit has its liaison, the office no longer writes for it
        await office.GotoAsync(targetUrls[Unlinked]);
        (await office.Locator("#plan-on-behalf").CountAsync()).ShouldBe(0);

        await office.GotoAsync($"/ledger?roundId={roundId}");
        foreach (var stage in await office.Locator("#ledger-table .ledger-stage").AllInnerTextsAsync()) stage.ShouldBe("方案待审");
        await office.GotoAsync(targetUrls["CWC"]);
        await office.FillAsync("#plan-review input[name^=taskComments]", "请明确风险排查的完成时间。");
        await office.FillAsync("#plan-comment", "措施不够具体，请修改后重新报送。");
        await Steps.PostAsync(office, "#plan-return");
        var cwc = await As("cwcunit");
        await cwc.GotoAsync(targetUrls["CWC"]);
        (await cwc.Locator("#plan-returned").InnerTextAsync()).ShouldContain("措施不够具体");
        (await cwc.Locator(".card:has-text('请明确风险排查的完成时间')").CountAsync()).ShouldBe(1);
        await cwc.ClickAsync("a[href*='/task/']");
        await cwc.FillAsync("#Input_Measures", "一是逐级签订责任书；二是在一个月内完成廉政风险排查。");
        await Steps.PostAsync(cwc, "#task-save");
        await ConfirmedAsync(cwc, "#plan-submit");
        foreach (var t in Targets)
        {
            await office.GotoAsync(targetUrls[t.Code]);
            await ConfirmedAsync(office, "#plan-approve");
        }
        await office.GotoAsync(targetUrls["CWC"]);
        await BrowserApp.ShotAsync(office, "23-plan-approved");
        await office.ClickAsync("a:has-text('与上一稿比较')");
        (await office.Locator("body").InnerTextAsync()).ShouldContain("在一个月内完成廉政风险排查");
        await BrowserApp.ShotAsync(office, "24-plan-compare");
        await office.GotoAsync(roundUrl);
        await StatusIs(office, "整改中");

        // 6. Twenty-five days on, CWC's task is overdue: red in the ledger, the round and the unit's home page.
        await AdvanceAsync(TimeSpan.FromDays(25));
        office = await As("wangoffice");
        await office.GotoAsync("/ledger");
        var overdueRow = office.Locator("#ledger-table tr.row-overdue");
        (await overdueRow.CountAsync()).ShouldBe(1);
        (await overdueRow.InnerTextAsync()).ShouldContain("财务处党总支");
        (await overdueRow.Locator(".countdown").GetAttributeAsync("class"))!.ShouldContain("text-bg-danger");
        await BrowserApp.ShotAsync(office, "25-ledger-overdue");
        cwc = await As("cwcunit");
        await cwc.GotoAsync("/");
        (await cwc.Locator(".countdown[data-level=Overdue]").CountAsync()).ShouldBeGreaterThan(0);
        await BrowserApp.ShotAsync(cwc, "26-unit-home-overdue");

        // 7. Each unit reports progress and applies for closure with evidence; the office closes the tasks.
        foreach (var t in Targets)
        {
            var unit = await As(t.Unit);
            await unit.GotoAsync(targetUrls[t.Code]);
            await unit.ClickAsync("a[href^='/tasks/']");
            await unit.FillAsync("#progress-form textarea[name=text]", "责任书已全部签订，风险排查完成80%。");
            await unit.FillAsync("#progress-form input[name=percent]", "80");
            await Steps.PostAsync(unit, "#progress-form button[type=submit]");
            await unit.FillAsync("#closure-statement", "责任书签订率100%，廉政风险排查已完成，形成风险点清单。");
            await unit.SetInputFilesAsync("#closure-files", new FilePayload { Name = "责任书扫描件.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await Steps.PostAsync(unit, "#closure-submit");
            var taskUrl = unit.Url;
            await office.GotoAsync(taskUrl);
            await ConfirmedAsync(office, "#task-close");
            await StatusIs(office, "已销号");
        }
        await BrowserApp.ShotAsync(office, "27-task-closed");

        // 8. Forty days on (past the two months after feedback) each unit submits its rectification report — late, and
        //    its plan page says by how much; the office evaluates it; the round is complete.
        await AdvanceAsync(TimeSpan.FromDays(40));
        office = await As("wangoffice");
        var late = Today.DayNumber - feedbackDay.AddMonths(2).DayNumber;
        late.ShouldBeGreaterThan(0);
        foreach (var (t, i) in Targets.Select((t, i) => (t, i)))
        {
            var unit = await As(t.Unit);
            await unit.GotoAsync(targetUrls[t.Code]);
            (await unit.Locator("#open-report").InnerTextAsync()).Trim().ShouldBe("整改情况报告");
            await unit.ClickAsync("#open-report");
            (await unit.Locator("h1.page-title").InnerTextAsync()).ShouldContain($"{t.Name} · 整改情况报告");
            await unit.FillAsync("#report-summary", "对照反馈问题逐项整改，责任书已全部签订，风险排查已完成，整改任务全部销号。");
            await ConfirmedAsync(unit, "#report-submit");
            await unit.GotoAsync(targetUrls[t.Code]);
            var due = unit.Locator(".page-header .countdown").Last;
            (await due.InnerTextAsync()).ShouldBe($"逾期 {late} 天完成（{Today:yyyy-MM-dd}）");
            (await due.GetAttributeAsync("data-level")).ShouldBe("DoneLate");
            if (i == 0) await BrowserApp.ShotAsync(unit, "27a-report-late");
            await office.GotoAsync(targetUrls[t.Code] + "/report");
            await office.CheckAsync(i == 0 ? "#grade-FairlyGood" : "#grade-Good");
            await office.FillAsync("#report-evaluate textarea[name=comment]", "整改态度端正，措施有力。");
            await ConfirmedAsync(office, "#report-evaluate-submit");
        }
        await BrowserApp.ShotAsync(office, "28-report-evaluated");
        await office.GotoAsync(roundUrl);
        await StatusIs(office, "已完成");
        await BrowserApp.ShotAsync(office, "29-round-completed");

        // 9. The ledger: totals, and the .xlsx export.
        await office.GotoAsync("/ledger");
        (await office.Locator("#ledger-totals").InnerTextAsync()).ShouldContain("100");
        var download = await office.RunAndWaitForDownloadAsync(() => office.ClickAsync("#ledger-export"));
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var path = Path.Combine(app.DataDirectory, "ledger.xlsx");
        await download.SaveAsAsync(path);
        (await File.ReadAllBytesAsync(path)).Take(2).ShouldBe("PK"u8.ToArray());
    }

    private const string Round = "十三届党委第二轮巡察";

    /// <summary>The one task of a target's plan, written from the plan page (by the unit, or by the office on its behalf).</summary>
    private async Task WriteTaskAsync(IPage page, int index)
    {
        await page.ClickAsync("a:has-text('添加整改任务')");
        await page.FillAsync("#Input_Goal", "压实主体责任，责任书签订率100%");
        await page.FillAsync("#Input_Measures", "一是逐级签订责任书；二是开展廉政风险排查。");
        await page.FillAsync("#Input_ResponsibleLeader", "党总支书记");
        await page.CheckAsync("#kind-Deadline");
        await page.FillAsync("#Input_Deadline", Today.AddDays(20 + 10 * index).ToString("yyyy-MM-dd"));
        await Steps.PostAsync(page, "#task-save");
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    private static async Task<string> OptionLabel(IPage page, string select, string contains) =>
        (await page.Locator($"{select} option:has-text('{contains}')").InnerTextAsync()).Trim();

    private static async Task StatusIs(IPage page, string status) =>
        (await page.Locator("h1 .badge").First.InnerTextAsync()).ShouldContain(status);
}
