using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Accounts;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Notifications;
using Xuncha.Organizations;
using Xuncha.Pool;
using Xuncha.Pool.Formation;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.Demo;

/// <summary>
/// Plays the demo's history through the real services, as the people who act in it, on a clock set to each
/// moment of the story: every record passes the same rules a user's would, and the audit trail reads as the
/// story happened. Events are put on an agenda first and played in time order.
/// </summary>
internal sealed partial class DemoStory(IServiceProvider services, DemoClock clock)
{
    private static readonly string[] AspectCodes = ["", "political", "duties", "governance", "cadres", "reform-risk"];

    private readonly List<Beat> _agenda = [];
    private readonly Dictionary<string, Guid> _orgs = [];
    private readonly Dictionary<string, string> _secretaries = [];
    private readonly Dictionary<string, Actor> _people = [];
    private readonly Dictionary<string, Guid> _ids = [];
    private readonly Dictionary<int, Guid> _categories = [];
    private readonly Dictionary<string, Guid> _pool = [];
    private Guid _committee;

    private sealed record Beat(DateTime At, int Order, string Who, Func<Task> Work, int Line);

    private XunchaDbContext Db => services.GetRequiredService<XunchaDbContext>();

    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    private DateOnly Today => clock.Today;

    public async Task<IReadOnlyList<DemoAccount>> PlayAsync(bool history, CancellationToken ct)
    {
        clock.Set(new DateOnly(2019, 2, 18));
        var printed = await FoundAsync(ct);
        if (!history) return printed;

        await CastAsync(ct);
        services.GetRequiredService<CurrentActor>().Value = _people["wangxiao"];
        await PoolAsync(ct);
        PoolHistory();
        FirstRound();
        CurrentRound();
        SpecialRound();
        ConfidentialStory();
        PendingRound();
        foreach (var beat in _agenda.OrderBy(b => b.At).ThenBy(b => b.Order))
        {
            ct.ThrowIfCancellationRequested();
            clock.Set(DateOnly.FromDateTime(beat.At), beat.At.Hour, beat.At.Minute);
            services.GetRequiredService<CurrentActor>().Value = _people[beat.Who];
            try
            {
                await beat.Work();
            }
            catch (DomainException e)
            {
                // a rule the story no longer keeps: say which step, as whom, when, and why
                var why = e is ValidationException v ? string.Join("; ", v.Errors.SelectMany(x => x.Value.Select(m => $"{x.Key}: {m}"))) : e.Message;
                throw new InvalidOperationException($"Demo story step at DemoStory.cs line {beat.Line} ({beat.Who}, {beat.At:yyyy-MM-dd HH:mm}) was refused: {why}", e);
            }
            Db.ChangeTracker.Clear();
        }

        clock.ToPresent();
        services.GetRequiredService<CurrentActor>().Value = Actor.System("demo");
        await ReadOldNoticesAsync(ct);
        await Get<DeadlineReminders>().RunAsync(ct);
        return printed;
    }

    // ── The university ────────────────────────────────────────────────────────────────────────────────

    private async Task<IReadOnlyList<DemoAccount>> FoundAsync(CancellationToken ct)
    {
        var organizations = Get<OrganizationService>();
        var committee = await organizations.CreateAsync(
            new OrganizationInput(DemoData.CommitteeCode, "中共明德大学委员会", OrganizationType.Committee, null, "欧阳明"), ct);
        _committee = committee.Id;
        var order = 0;
        foreach (var (code, name, secretary) in DemoData.Departments)
            await AddOrgAsync(code, secretary, new OrganizationInput(code, name, OrganizationType.Department, committee.Id, secretary, order += 10));
        foreach (var (code, name, type, secretary) in DemoData.Secondary)
            await AddOrgAsync(code, secretary, new OrganizationInput(code, name, type, committee.Id, secretary, order += 10));
        foreach (var (parent, code, name, secretary) in DemoData.Branches)
            await AddOrgAsync(code, secretary, new OrganizationInput(code, name, OrganizationType.Branch, _orgs[parent], secretary));

        var terms = Get<TermService>();
        await terms.CreateAsync(new TermInput(committee.Id, "第十二届党委", new DateOnly(2017, 6, 1), new DateOnly(2022, 5, 31)), ct);
        await terms.CreateAsync(new TermInput(committee.Id, "第十三届党委", new DateOnly(2022, 6, 1), new DateOnly(2027, 5, 31)), ct);

        var created = new List<DemoAccount>();
        foreach (var (role, userName, displayName, org) in DemoData.People)
        {
            // the office director and the discipline secretary hold their office's role beside their own
            Role[] roles = role switch
            {
                Role.OfficeDirector => [Role.Office, role],
                Role.DisciplineSecretary => [Role.Discipline, role],
                _ => [role],
            };
            var account = await Get<AccountService>().CreateAsync(new AccountInput(userName, displayName, org is null ? null : _orgs[org]), roles, null, ct);
            created.Add(new DemoAccount(role, userName, displayName, account.OneTimePassword!));
        }
        return created;

        async Task AddOrgAsync(string code, string secretary, OrganizationInput input)
        {
            _orgs[code] = (await organizations.CreateAsync(input, ct)).Id;
            _secretaries[code] = secretary;
        }
    }

    /// <summary>The inspectors and unit liaisons of the story, and everyone as an actor the services will accept.</summary>
    private async Task CastAsync(CancellationToken ct)
    {
        foreach (var (role, userName, displayName, org) in DemoCases.Cast)
            await Get<AccountService>().CreateAsync(new AccountInput(userName, displayName, _orgs[org]), [role], null, ct);
        var users = await Db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName, u.OrganizationId }).ToListAsync(ct);
        var roles = await (from ur in Db.UserRoles join r in Db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        foreach (var u in users)
            _people[u.UserName!] = new Actor
            {
                UserId = u.Id, UserName = u.UserName!, DisplayName = u.DisplayName, OrganizationId = u.OrganizationId, ClientAddress = "127.0.0.1",
                Roles = roles.Where(r => r.UserId == u.Id).Select(r => Roles.TryParse(r.Name, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
            };
        _people[Public] = Actor.PublicReporter();
        var taxonomy = await Db.Taxonomies.Where(t => t.Code == "five-aspects" && t.IsActive).Select(t => t.Id).FirstAsync(ct);
        var categories = await Db.Categories.Where(c => c.TaxonomyId == taxonomy).ToListAsync(ct);
        for (var i = 1; i < AspectCodes.Length; i++) _categories[i] = categories.Single(c => c.Code == AspectCodes[i]).Id;
        Db.ChangeTracker.Clear();
    }

    private string UnitOf(string code) => code == "CWC" ? "liufang" : DemoCases.Cast.Single(c => c.Role == Role.Unit && c.Org == code).UserName;

    private Guid UserId(string userName) => _people[userName].UserId!.Value;

    /// <summary>A pool member by the account they act with, or by name.</summary>
    private Guid Member(string key) => _pool[key];

    private static bool HasAccount(string key) => DemoCases.PoolPeople.Any(p => p.Account == key);

    // ── The talent pool (seed 004) ───────────────────────────────────────────────────────────────────

    /// <summary>The office builds the pool at the start of the story: 73 members, their professions, ranks and avoidance relations.</summary>
    private async Task PoolAsync(CancellationToken ct)
    {
        var pool = Get<PoolService>();
        var ranks = await Db.PoolRanks.ToDictionaryAsync(r => r.Name, r => r.Id, ct);
        var professions = await Db.PoolProfessions.ToDictionaryAsync(p => p.Name, p => p.Id, ct);
        foreach (var x in DemoCases.PoolPeople)
        {
            var id = await pool.EnrolAsync(new MemberInput(x.Name, _orgs[x.Org], x.FullTime ? "巡察专职干部" : null, ranks[x.Rank], x.Leader, x.FullTime,
                null, null, x.Professions.Select(n => professions[n]).ToList(), x.Account is null ? null : UserId(x.Account)),
                "经巡察工作领导小组研究，纳入巡察人才库", ct);
            _pool[x.Name] = id;
            if (x.Account is not null) _pool[x.Account] = id;
            Db.ChangeTracker.Clear();
        }
        await pool.AddRelationAsync(Member("qianwei"), new RelationInput(RelationKind.PastOrganization, _orgs["JWC"], new(2012, 3, 1), new(2016, 8, 31), null, null, null), ct);
        await pool.AddRelationAsync(Member("chenmin"), new RelationInput(RelationKind.PastOrganization, _orgs["FZ"], new(2009, 9, 1), new(2013, 7, 31), null, null, null), ct);
        await pool.AddRelationAsync(Member("wanglei"), new RelationInput(RelationKind.Relative, _orgs["FZ"], null, null, "刘欣", "配偶", null), ct);
        await pool.AddRelationAsync(Member("lina"), new RelationInput(RelationKind.Conflict, _orgs["WGY"], null, null, null, null, "承担外国语学院委托课题"), ct);
        await pool.AddRelationAsync(Member("邓超"), new RelationInput(RelationKind.Relative, _orgs["HGY"], null, null, "邓辉", "兄弟", null), ct);
        await pool.AddRelationAsync(Member("冯丽"), new RelationInput(RelationKind.PastOrganization, _orgs["TYY"], new(2013, 1, 1), new(2018, 6, 30), null, null, null), ct);
        await pool.AddRelationAsync(Member("秦川"), new RelationInput(RelationKind.Relative, _orgs["YSY"], null, null, "秦月", "女儿", null), ct);
        Db.ChangeTracker.Clear();
    }

    /// <summary>The pool's life over the years: training, recommendations upward, yearly reviews, exits, and this month's applications.</summary>
    private void PoolHistory()
    {
        string[] trained = ["zhaojianjun", "qianwei", "sunhaitao", "chenmin", "lina", "wanglei", "liuyang", "zhangting", "yangfan", "高俊", "林晓雯", "罗佳",
            "谢婷", "郭强", "宋文", "范志诚", "马国华"];
        At(new DateOnly(2019, 3, 12), 14, "wangxiao", async () =>
        {
            foreach (var k in trained)
                await Get<PoolService>().AddTrainingAsync(Member(k), new TrainingInput("第一轮校内巡察巡前培训", TrainingKind.Practice, new DateOnly(2019, 3, 12), 8));
        });
        At(new DateOnly(2021, 6, 18), 14, "wangxiao", async () =>
        {
            foreach (var k in trained.Take(10))
                await Get<PoolService>().AddTrainingAsync(Member(k), new TrainingInput("新修订《中国共产党巡视工作条例》专题学习", TrainingKind.TheoryPolicy, new DateOnly(2021, 6, 18), 4));
        });
        At(new DateOnly(2024, 5, 10), 14, "wangxiao", async () =>
        {
            foreach (var k in trained.Skip(3))
                await Get<PoolService>().AddTrainingAsync(Member(k), new TrainingInput("《中国共产党纪律处分条例》专题培训", TrainingKind.PartyDiscipline, new DateOnly(2024, 5, 10), 4));
        });
        (string Who, string Body, DateOnly Date)[] upward =
        [
            ("qianwei", "省委第三巡视组", new(2020, 9, 1)), ("sunhaitao", "省教育厅党组巡察组", new(2021, 4, 6)), ("高俊", "市委第二巡察组", new(2021, 10, 11)),
            ("zhaojianjun", "省委巡视办骨干培训班", new(2022, 7, 4)), ("马国华", "省委第五巡视组", new(2023, 3, 13)), ("邓超", "省教育厅党组巡察组", new(2023, 9, 18)),
            ("林晓雯", "市委第一巡察组", new(2024, 4, 8)), ("liuyang", "省管高校巡察骨干培训班", new(2025, 5, 19)),
        ];
        foreach (var (who, body, date) in upward)
            At(date, 11, "wangxiao", () => Get<PoolService>().AddRecommendationAsync(Member(who), new RecommendationInput(body, date, "以干代训")));

        At(new DateOnly(2024, 7, 15), 10, "wangxiao", () => Get<PoolService>().ExitAsync(Member("谢婷"), ExitReason.Retired, "退休", null));
        At(new DateOnly(2025, 3, 20), 10, "wangxiao", () => Get<PoolService>().ExitAsync(Member("许昌"), ExitReason.Transferred, "调任外单位", null));
        for (var year = 2020; year <= Today.Year; year++)
        {
            var y = year;
            var on = Weekday(new DateOnly(y, 1, 10));
            if (on > Today) continue;
            At(on, 16, "wangxiao", async () =>
            {
                // this year's review has left three members unconfirmed: they are flagged and not proposed
                var skip = y == Today.Year ? new[] { "韩梅", "柏林", "华夏" } : [];
                var ids = await Db.PoolMembers.Where(m => m.Status == Pool.MemberStatus.Active).Select(m => new { m.Id, m.Name }).ToListAsync();
                await Get<PoolService>().ConfirmAsync(y, ids.Where(m => !skip.Contains(m.Name)).Select(m => m.Id).ToList());
            });
        }

        At(Ago(12), 15, "sunli", async () =>
        {
            var ids = await Db.PoolProfessions.Where(p => p.Name == "纪检" || p.Name == "法律").Select(p => p.Id).ToListAsync();
            await Get<PoolService>().ApplyAsync(new MemberInput("孙立", _orgs["JWB"], "纪委办公室副主任", await RankAsync("副处"), true, false, "0379-6551234", null, ids),
                "长期从事纪检监察工作，熟悉监督执纪程序，自愿参加校内巡察。");
        });
        At(Ago(6), 10, "liufang", async () =>
        {
            var ids = await Db.PoolProfessions.Where(p => p.Name == "财务" || p.Name == "审计").Select(p => p.Id).ToListAsync();
            await Get<PoolService>().RecommendAsync(new MemberInput("周明", _orgs["CWC-1"], "财务处会计科副科长", await RankAsync("副科"), false, false, null, null, ids),
                null, "业务精通，作风扎实，推荐纳入巡察人才库。");
        });
    }

    private async Task<Guid> RankAsync(string name) => await Db.PoolRanks.Where(r => r.Name == name).Select(r => r.Id).SingleAsync();

    /// <summary>After fieldwork the leaders grade their members; when the round is done the office grades everyone (优秀 ≤ 20% of a group).</summary>
    private void Appraise(string key, GroupPlan[] groups, DateOnly byLeaders, DateOnly? byOffice)
    {
        foreach (var g in groups)
        {
            var grades = g.Members.Select((m, i) => new GradeInput(Member(m), i == 0 ? AppraisalGrade.Excellent : AppraisalGrade.Competent,
                i == 0 ? "工作积极主动，发现问题精准，文稿质量高。" : "认真履行职责，较好完成任务。")).ToList();
            At(byLeaders, 16, g.Leader, () => Get<AppraisalService>().SaveAsync(_ids[key], grades));
        }
        if (byOffice is not { } office) return;
        At(office, 15, "wangxiao", () => Get<AppraisalService>().SaveAsync(_ids[key], groups.SelectMany(g =>
            g.Members.Prepend(g.Leader).Select((m, i) => new GradeInput(Member(m), i == 0 ? AppraisalGrade.Excellent : AppraisalGrade.Competent,
                i == 0 ? "政治站位高，组织协调有力，圆满完成巡察任务。" : "同意组长意见。"))).ToList()));
    }

    // ── Agenda ───────────────────────────────────────────────────────────────────────────────────────

    private void At(DateOnly day, int hour, string who, Func<Task> work, [CallerLineNumber] int line = 0) =>
        _agenda.Add(new Beat(day.ToDateTime(new TimeOnly(hour, 0)), _agenda.Count, who, work, line));

    /// <summary>The working day on or before a date (the story's people act on weekdays).</summary>
    private static DateOnly Weekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(-1),
        DayOfWeek.Sunday => d.AddDays(-2),
        _ => d,
    };

    private DateOnly Ago(int days) => Weekday(Today.AddDays(-days));

    // ── Rounds ───────────────────────────────────────────────────────────────────────────────────────

    private sealed record GroupPlan(string Leader, string[] Members, string[] Targets);

    /// <summary>Plans a round: created, targets set, groups formed, submitted and (unless pending) approved and in the field.</summary>
    private void Plan(string key, DateOnly created, string? name, RoundType type, string theme, string focus, DateOnly start, DateOnly end,
        GroupPlan[] groups, DateOnly? approved, DateOnly? fieldwork, int? formation = null)
    {
        At(created, 10, "wangxiao", async () =>
        {
            var rounds = Get<RoundService>();
            var d = await rounds.DefaultsAsync();
            var id = await rounds.CreateAsync(new RoundInput(d.CommitteeId, d.TermId, d.Year, d.Ordinal, name ?? d.Name, type, theme, focus, start, end, d.TaxonomyId));
            _ids[key] = id;
            var codes = groups.SelectMany(g => g.Targets).Distinct().ToList();
            await rounds.SetTargetsAsync(id, codes.Select(c => _orgs[c]).ToList(), null);
            var targets = await Db.RoundTargets.Where(t => t.RoundId == id).ToListAsync();
            foreach (var c in codes) _ids[$"{key}/{c}"] = targets.Single(t => t.OrganizationId == _orgs[c]).Id;
            if (formation is { } count)
            {
                // the office asks Xuncha for a proposal and adopts it as proposed
                var proposal = await Get<FormationService>().ProposeAsync(id, count, null, false);
                await Get<FormationService>().ApplyAsync(id, proposal.Groups.Select(g => new GroupPlanInput(null,
                    g.Members.Single(m => m.Role == ProposedRole.Leader).Id, g.Members.Where(m => m.Role == ProposedRole.Deputy).Select(m => m.Id).ToList(),
                    g.Members.Where(m => m.Role == ProposedRole.Member).Select(m => m.Id).ToList(), g.Targets.Select(t => t.Id).ToList())).ToList(), null);
                return;
            }
            foreach (var g in groups)
                _ids[$"{key}/group/{g.Leader}"] = await Get<GroupService>().SaveAsync(id, null,
                    new GroupInput(null, Member(g.Leader), [], g.Members.Select(Member).ToList(), g.Targets.Select(c => _ids[$"{key}/{c}"]).ToList()), null);
        });
        At(Weekday(created.AddDays(3)), 15, "wangxiao", () => Get<RoundService>().SubmitAsync(_ids[key], null));
        if (approved is { } a)
            At(a, 11, "liguoqiang", () => Get<RoundService>().ApproveAsync(_ids[key], "同意。请各巡察组严格按照授权开展工作，坚守纪律底线。", null));
        if (fieldwork is { } f)
            At(f, 9, "wangxiao", () => Get<RoundService>().StartFieldworkAsync(_ids[key], f, null));
    }

    private ProblemInput Input(string key, DemoProblem p, string? manifestation = null) => new(
        _ids[$"{key}/{p.Target}"], p.Title, manifestation ?? p.Manifestation, DemoCases.Bases[p.Aspect],
        $"{_secretaries[p.Target]}同志履行党组织书记第一责任人职责不够到位，分管班子成员“一岗双责”落实有差距。", _categories[p.Aspect],
        p.Kind == TaskKind.Immediate, p.Kind == TaskKind.Immediate ? "巡察期间已督促立行立改。" : null);

    /// <summary>A member writes a problem and submits it; the leader approves it the next working day.</summary>
    private void Found(string key, int index, DemoProblem p, string author, string leader, DateOnly day, bool approve = true, bool submit = true)
    {
        var id = $"{key}/problem/{index}";
        At(day, 10, author, async () =>
        {
            _ids[id] = await Get<ProblemService>().CreateAsync(Input(key, p));
            if (submit) await Get<ProblemService>().SubmitAsync(_ids[id], null);
        });
        if (approve) At(Weekday(day.AddDays(1)) == day ? day.AddDays(3) : Weekday(day.AddDays(1)), 10, leader, () => Get<ProblemService>().ApproveAsync(_ids[id], null));
    }

    /// <summary>Fieldwork ends, each group leader reports, the leading group approves, the office gives feedback.</summary>
    private void Report(string key, GroupPlan[] groups, DateOnly ended, DateOnly reported, DateOnly approved, DateOnly feedback)
    {
        At(ended, 17, "wangxiao", () => Get<RoundService>().EndFieldworkAsync(_ids[key], ended, null));
        foreach (var g in groups)
        {
            var group = $"{key}/group/{g.Leader}";
            At(reported, 16, g.Leader, async () =>
            {
                var reports = Get<GroupReportService>();
                await reports.SaveAsync(_ids[group],
                    "被巡察党组织能够坚持以习近平新时代中国特色社会主义思想为指导，贯彻落实学校党委决策部署，各项事业取得一定成绩。" +
                    "同时也发现，在党的政治建设、履行职能责任、管党治党、领导班子和干部队伍建设、防范化解风险等方面还存在一些问题。",
                    "一是压实管党治党政治责任；二是完善内部管理制度，堵塞风险漏洞；三是加强干部队伍建设；四是坚持问题导向，抓好巡察整改。", null);
                await reports.SubmitAsync(_ids[group], null);
            });
            At(approved, 15, "liguoqiang", () => Get<GroupReportService>().ApproveAsync(_ids[group], "同意报告。请巡察办按程序反馈。", null));
        }
        foreach (var code in groups.SelectMany(g => g.Targets))
            At(feedback, 14, "wangxiao", () => Get<FeedbackService>().GiveAsync(_ids[$"{key}/{code}"], feedback, null));
    }

    private TaskInput TaskFor(string key, int index, DemoProblem p, DateOnly? deadline, DateOnly[]? milestones, string? coOrg = null) => new(
        _ids[$"{key}/problem/{index}"], p.Goal, p.Measures, $"{_secretaries[p.Target]}（党组织书记）", _orgs[p.Target],
        coOrg is null ? [] : [_orgs[coOrg]], p.Kind, p.Kind == TaskKind.LongTerm ? null : deadline,
        milestones?.Select((m, i) => new MilestoneInput(m, i == 0 ? "完成阶段性整改目标，形成制度文件" : "长效机制运行良好，开展成效评估")).ToList());

    private void Progress(string key, int index, DateOnly day, string who, int percent, string text, bool evidence = true) =>
        At(day, 15, who, () => Get<TaskService>().ReportProgressAsync(_ids[$"{key}/task/{index}"], text, percent,
            evidence ? [DemoPdf.Evidence($"整改进展材料-{index + 1}.pdf", $"{key} task {index + 1} progress {percent}%")] : null, null));

    private void AskClosure(string key, int index, DemoProblem p, DateOnly day, string who, int files = 1) =>
        At(day, 16, who, () => Get<TaskService>().RequestClosureAsync(_ids[$"{key}/task/{index}"],
            $"已按整改方案完成“{p.Goal}”。{p.Measures}以上措施均已落实到位，特申请销号。",
            Enumerable.Range(1, files).Select(n => DemoPdf.Evidence($"整改佐证材料-{index + 1}-{n}.pdf", $"{key} task {index + 1} evidence {n}")).ToList(), null));

    private void Close(string key, int index, DateOnly day, ClosureResult result = ClosureResult.Completed) =>
        At(day, 10, "wangxiao", () => Get<TaskService>().CloseAsync(_ids[$"{key}/task/{index}"], result, null));

    private void ReturnClosure(string key, int index, DateOnly day, string reason) =>
        At(day, 10, "wangxiao", () => Get<TaskService>().ReturnClosureAsync(_ids[$"{key}/task/{index}"], reason, null));

    private void WriteReport(string key, string code, int problems, DateOnly day, bool submit = true) =>
        At(day, 16, UnitOf(code), async () =>
        {
            var reports = Get<RectificationReportService>();
            var target = _ids[$"{key}/{code}"];
            await reports.SaveAsync(target,
                $"本单位党组织高度重视巡察反馈问题整改，成立由党组织书记任组长的整改工作领导小组，对照反馈的{problems}个问题逐项制定整改措施，" +
                "明确责任领导、责任科室和完成时限，实行台账管理、销号推进。目前立行立改事项已全部完成，限期整改事项正按计划推进，" +
                "长期坚持事项已建立长效机制。下一步将持续巩固整改成果，防止问题反弹。", null);
            if (submit) await reports.SubmitAsync(target, null);
        });

    private void Evaluate(string key, string code, DateOnly day, Grade grade, string? comment) =>
        At(day, 10, "wangxiao", () => Get<RectificationReportService>().EvaluateAsync(_ids[$"{key}/{code}"], grade, comment, null));

    // ── 2019: the first round, seed 000 ──────────────────────────────────────────────────────────────

    private void FirstRound()
    {
        const string key = "A";
        GroupPlan[] groups =
        [
            new("qianwei", ["lina", "wanglei", "高俊", "谢婷"], ["ZZB", "XGB", "CWC"]),
            new("zhaojianjun", ["chenmin", "liuyang", "林晓雯", "郭强"], ["ZCC", "HQC", "GJB"]),
            new("sunhaitao", ["zhangting", "yangfan", "罗佳", "宋文"], ["MKS", "YXB", "FZ"]),
        ];
        Plan(key, new DateOnly(2019, 2, 25), "2019年第一轮校内巡察", RoundType.Regular, "坚持政治巡察定位，聚焦“两个维护”",
            "党的政治建设、履行职能责任、管党治党、领导班子和干部队伍建设、深化改革与防范化解风险五个方面",
            new DateOnly(2019, 3, 18), new DateOnly(2019, 4, 30), groups, new DateOnly(2019, 3, 5), new DateOnly(2019, 3, 18));

        var problems = DemoCases.FirstRound;
        var first = new DateOnly(2019, 3, 25);
        foreach (var g in groups)
        {
            var mine = problems.Select((p, i) => (p, i)).Where(x => g.Targets.Contains(x.p.Target)).ToList();
            for (var n = 0; n < mine.Count; n++)
            {
                var (p, i) = mine[n];
                var day = Weekday(first.AddDays(n * 2));
                var authors = g.Members.Where(HasAccount).ToArray();
                var author = authors[n % authors.Length];
                if (n == 0)
                {
                    // the first problem goes back once for facts, as a leader's review would have it
                    Found(key, i, p, author, g.Leader, day, approve: false);
                    At(day.AddDays(1), 10, g.Leader, () => Get<ProblemService>().ReturnAsync(_ids[$"{key}/problem/{i}"], "请补充具体事实和数据，写明涉及的时间、数量。", null));
                    At(day.AddDays(2), 11, author, async () =>
                    {
                        await Get<ProblemService>().UpdateAsync(_ids[$"{key}/problem/{i}"], Input(key, p), null);
                        await Get<ProblemService>().SubmitAsync(_ids[$"{key}/problem/{i}"], null);
                    });
                    At(day.AddDays(3), 10, g.Leader, () => Get<ProblemService>().ApproveAsync(_ids[$"{key}/problem/{i}"], null));
                }
                else Found(key, i, p, author, g.Leader, day);
            }
        }
        var feedback = new DateOnly(2019, 6, 20);
        Report(key, groups, new DateOnly(2019, 4, 30), new DateOnly(2019, 5, 20), new DateOnly(2019, 5, 28), feedback);
        Appraise(key, groups, new DateOnly(2019, 5, 24), new DateOnly(2019, 9, 10));

        var codes = groups.SelectMany(g => g.Targets).ToArray();
        DateOnly[] deadlines = [new(2019, 9, 30), new(2019, 10, 31), new(2019, 11, 29), new(2019, 12, 20)];
        var coOrgs = new Dictionary<int, string> { [4] = "CWC", [14] = "KJC", [21] = "ZCC", [29] = "CWC" };
        for (var t = 0; t < codes.Length; t++)
        {
            var code = codes[t];
            var unit = UnitOf(code);
            var mine = problems.Select((p, i) => (p, i)).Where(x => x.p.Target == code).ToList();
            var written = new DateOnly(2019, 6, 26).AddDays(t % 3);
            var submitted = Weekday(new DateOnly(2019, 7, 1).AddDays(t % 5));
            At(written, 10, unit, async () =>
            {
                foreach (var (p, i) in mine)
                    _ids[$"{key}/task/{i}"] = await Get<PlanService>().SaveTaskAsync(_ids[$"{key}/{code}"], null,
                        TaskFor(key, i, p, p.Kind == TaskKind.Immediate ? new DateOnly(2019, 7, 19) : deadlines[i % 4],
                            p.Kind == TaskKind.LongTerm ? [new DateOnly(2019, 12, 31), new DateOnly(2020, 12, 31)] : null, coOrgs.GetValueOrDefault(i)), null);
            });
            At(submitted, 15, unit, () => Get<PlanService>().SubmitAsync(_ids[$"{key}/{code}"], null));
            At(Weekday(submitted.AddDays(4)), 10, "wangxiao", () => Get<PlanService>().ApproveAsync(_ids[$"{key}/{code}"], "整改方案措施具体、时限明确，同意。", null));

            foreach (var (p, i) in mine)
            {
                switch (p.Kind)
                {
                    case TaskKind.Immediate:
                        AskClosure(key, i, p, new DateOnly(2019, 7, 15), unit);
                        Close(key, i, new DateOnly(2019, 7, 18));
                        break;
                    case TaskKind.LongTerm:
                        Progress(key, i, new DateOnly(2019, 9, 25), unit, 60, "已完成制度制定和阶段性目标，正按里程碑推进。");
                        AskClosure(key, i, p, new DateOnly(2019, 12, 10), unit, 2);
                        Close(key, i, new DateOnly(2019, 12, 16), ClosureResult.Ongoing);
                        break;
                    default:
                        var due = deadlines[i % 4];
                        if (i % 2 == 0) Progress(key, i, Weekday(due.AddDays(-45)), unit, 50, "已完成自查和问题梳理，制度修订稿已形成，正在征求意见。");
                        if (i is 16 or 35)
                        {
                            AskClosure(key, i, p, Weekday(due.AddDays(-12)), unit);
                            ReturnClosure(key, i, Weekday(due.AddDays(-9)), "佐证材料不足：请补充制度文件正式印发稿和落实情况的书面说明。");
                            AskClosure(key, i, p, Weekday(due.AddDays(-6)), unit, 2);
                            Close(key, i, Weekday(due.AddDays(-3)));
                        }
                        else
                        {
                            AskClosure(key, i, p, Weekday(due.AddDays(-10)), unit);
                            Close(key, i, Weekday(due.AddDays(-6)));
                        }
                        break;
                }
            }
            WriteReport(key, code, mine.Count, Weekday(new DateOnly(2019, 8, 16).AddDays(t % 4)));
        }
        Grade[] grades = [Grade.Good, Grade.Good, Grade.FairlyGood, Grade.FairlyGood, Grade.Average, Grade.FairlyGood, Grade.Good, Grade.Good, Grade.Average];
        for (var t = 0; t < codes.Length; t++)
            Evaluate(key, codes[t], new DateOnly(2019, 9, 5), grades[t], grades[t] == Grade.Average ? "部分问题整改进度偏慢，长效机制建设有待加强。" : "整改态度端正，措施有力，成效明显。");
    }

    // ── This term: a round in rectification ─────────────────────────────────────────────────────────

    private void CurrentRound()
    {
        const string key = "B";
        GroupPlan[] groups = [new("zhaojianjun", ["chenmin", "lina", "高俊", "郭强"], ["CWC", "WXY", "JWC"])];
        Plan(key, Ago(160), null, RoundType.Regular, "深入学习贯彻党的二十大精神，聚焦“两个维护”",
            "财务管理、意识形态阵地、教学管理、选人用人、中央八项规定精神落实", Ago(140), Ago(115), groups, Ago(153), Ago(140));

        var problems = DemoCases.CurrentRound;
        for (var i = 0; i < problems.Length; i++)
        {
            var p = problems[i];
            var author = p.Target == "WXY" ? "lina" : "chenmin";
            var day = Ago(136 - i);
            if (i == 1)
            {
                var index = i;
                Found(key, i, p, author, "zhaojianjun", day, approve: false);
                At(Ago(132), 10, "zhaojianjun", () => Get<ProblemService>().ReturnAsync(_ids[$"{key}/problem/{index}"], "请写明具体凭证编号和涉及金额。", null));
                At(Ago(129), 11, author, async () =>
                {
                    await Get<ProblemService>().UpdateAsync(_ids[$"{key}/problem/{index}"],
                        Input(key, p, "抽查2025年凭证，发现会议费、培训费列支不规范共9笔（记账凭证2025-03-0412等），合计4.6万元。"), null);
                    await Get<ProblemService>().SubmitAsync(_ids[$"{key}/problem/{index}"], null);
                });
                At(Ago(126), 10, "zhaojianjun", () => Get<ProblemService>().ApproveAsync(_ids[$"{key}/problem/{index}"], null));
            }
            else Found(key, i, p, author, "zhaojianjun", day);
        }
        var feedback = Ago(95);
        Report(key, groups, Ago(115), Ago(108), Ago(103), feedback);
        Appraise(key, groups, Ago(110), null);

        // The plans: WXY and JWC approved first time; CWC returned once with a comment on one task.
        var t = Today;
        Plans(key, "WXY", problems, Ago(90), Ago(88), Ago(85), i => i switch
        {
            5 => feedback.AddDays(25), 6 => t.AddDays(-40), 7 => t.AddDays(20), _ => t.AddDays(-3),
        });
        Plans(key, "JWC", problems, Ago(87), Ago(86), Ago(83), i => i switch
        {
            10 => feedback.AddDays(25), 11 => t.AddDays(-45), _ => t.AddDays(50),
        }, coOrg: i => i == 9 ? "MKS" : null);
        Plans(key, "CWC", problems, Ago(86), Ago(84), null, i => i switch
        {
            0 => feedback.AddDays(29), 1 => t.AddDays(-10), 2 => t.AddDays(200), _ => t.AddDays(40),
        }, coOrg: i => i == 2 ? "XXY" : null);
        At(Ago(81), 11, "wangxiao", async () =>
        {
            var target = _ids[$"{key}/CWC"];
            await Get<PlanService>().ReturnAsync(target, "整改方案总体可行，个别任务完成时限偏长，请修改后重新报送。",
                new Dictionary<Guid, string> { [_ids[$"{key}/task/2"]] = "等级保护测评应尽快完成，完成时限请提前至年内。" }, null);
        });
        At(Ago(78), 10, "liufang", async () =>
        {
            await Get<PlanService>().SaveTaskAsync(_ids[$"{key}/CWC"], _ids[$"{key}/task/2"],
                TaskFor(key, 2, problems[2], t.AddDays(5), null, "XXY"), null);
            await Get<PlanService>().SubmitAsync(_ids[$"{key}/CWC"], null);
        });
        At(Ago(75), 10, "wangxiao", () => Get<PlanService>().ApproveAsync(_ids[$"{key}/CWC"], "修改后的方案同意。", null));

        // CWC: done at once; overdue; due within days; long-term under way; waiting for closure.
        AskClosure(key, 0, problems[0], Ago(70), "liufang");
        Close(key, 0, Ago(67));
        Progress(key, 1, Ago(40), "liufang", 60, "已对9笔问题凭证逐笔核查，追回不合规费用1.2万元；会议费管理办法修订稿正在审议。");
        Progress(key, 2, Ago(30), "liufang", 70, "已委托测评机构开展等级保护测评，现场测评已完成，正在整改测评发现的问题。");
        Progress(key, 3, Ago(25), "liufang", 40, "网上报销流程优化方案已完成，电子发票自动查验已上线试运行。");
        Progress(key, 4, Ago(20), "liufang", 80, "财务队伍建设规划已经党总支会议审议通过，2名注册会计师已到岗。");
        AskClosure(key, 4, problems[4], Ago(2), "liufang", 2);
        WriteReport(key, "CWC", 5, Ago(30), submit: false);

        // WXY: two closed (one after a returned closure), one overdue, one under way; report evaluated.
        AskClosure(key, 5, problems[5], Ago(73), "yangliu");
        Close(key, 5, Ago(70));
        AskClosure(key, 6, problems[6], Ago(50), "yangliu");
        ReturnClosure(key, 6, Ago(47), "缺少近三年发展党员档案复查清单，请补充后重新申请。");
        AskClosure(key, 6, problems[6], Ago(44), "yangliu", 2);
        Close(key, 6, Ago(41));
        Progress(key, 7, Ago(15), "yangliu", 50, "已落实领导干部听课制度，本学期听课评课记录已归档。");
        Progress(key, 8, Ago(30), "yangliu", 30, "已启动科研经费专项检查，正在核对劳务费发放明细。", evidence: false);
        WriteReport(key, "WXY", 4, Ago(36));
        Evaluate(key, "WXY", Ago(30), Grade.FairlyGood, "整改态度端正，阵地管理问题已立行立改，科研经费问题请抓紧推进。");

        // JWC: three closed, one long-term under way; report two weeks late, waiting for the office.
        Progress(key, 9, Ago(28), "weiqiang", 60, "课程思政建设方案已印发，首批32门示范课程已立项。");
        AskClosure(key, 10, problems[10], Ago(73), "weiqiang");
        Close(key, 10, Ago(70));
        AskClosure(key, 11, problems[11], Ago(50), "weiqiang");
        Close(key, 11, Ago(47));
        WriteReport(key, "JWC", 4, Ago(20));
    }

    /// <summary>A unit writes a task for each of its problems and submits; the office approves unless told otherwise.</summary>
    private void Plans(string key, string code, DemoProblem[] problems, DateOnly written, DateOnly submitted, DateOnly? approved,
        Func<int, DateOnly> deadline, Func<int, string?>? coOrg = null)
    {
        var mine = problems.Select((p, i) => (p, i)).Where(x => x.p.Target == code).ToList();
        var unit = UnitOf(code);
        At(written, 10, unit, async () =>
        {
            foreach (var (p, i) in mine)
                _ids[$"{key}/task/{i}"] = await Get<PlanService>().SaveTaskAsync(_ids[$"{key}/{code}"], null,
                    TaskFor(key, i, p, deadline(i), p.Kind == TaskKind.LongTerm ? [Today.AddDays(-20), Today.AddDays(150)] : null, coOrg?.Invoke(i)), null);
        });
        At(submitted, 15, unit, () => Get<PlanService>().SubmitAsync(_ids[$"{key}/{code}"], null));
        if (approved is { } a) At(a, 10, "wangxiao", () => Get<PlanService>().ApproveAsync(_ids[$"{key}/{code}"], "同意。", null));
    }

    // ── A special round in the field, and a round waiting for the leading group ─────────────────────

    private void SpecialRound()
    {
        const string key = "C";
        GroupPlan[] groups = [new("zhaojianjun", ["chenmin", "wanglei", "林晓雯", "宋文"], ["KJC", "SKY"])];
        Plan(key, Ago(45), $"{Today.AddDays(-45).Year}年选人用人工作专项巡察", RoundType.Special, "聚焦选人用人工作和干部队伍建设",
            "干部选拔任用、干部交流轮岗、基层党组织建设", Ago(21), Today.AddDays(10), groups, Ago(38), Ago(21));
        var p = DemoCases.SpecialRound;
        Found(key, 0, p[0], "chenmin", "zhaojianjun", Ago(14));
        Found(key, 1, p[1], "chenmin", "zhaojianjun", Ago(5), approve: false);
        Found(key, 2, p[2], "wanglei", "zhaojianjun", Ago(9), approve: false);
        At(Ago(8), 11, "zhaojianjun", () => Get<ProblemService>().ReturnAsync(_ids[$"{key}/problem/2"], "请补充涉及人员的任职时间和岗位，写清违反的具体规定。", null));
        Found(key, 3, p[3], "chenmin", "zhaojianjun", Ago(1), approve: false, submit: false);
    }

    private void PendingRound() =>
        Plan("D", Ago(8), "第十三届党委第二轮巡察", RoundType.Regular, "聚焦“两个维护”，推动学校党委决策部署落地见效",
            "学院党委领导作用发挥、意识形态工作、人才培养、师德师风", Today.AddDays(20), Today.AddDays(60),
            [new("", [], ["WGY", "HGY", "TYY", "YSY"])], null, null, formation: 2);

    /// <summary>What was sent weeks ago has long been read.</summary>
    private async Task ReadOldNoticesAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-14);
        foreach (var n in await Db.Notifications.Where(n => n.ReadAt == null && n.CreatedAt < cutoff).ToListAsync(ct))
            n.MarkRead(n.CreatedAt.AddHours(20));
        await Db.SaveChangesAsync(ct);
        Db.ChangeTracker.Clear();
    }
}
