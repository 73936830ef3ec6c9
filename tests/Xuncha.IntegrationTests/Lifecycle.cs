using System.Net.Http.Headers;
using System.Text.Json;

namespace Xuncha.IntegrationTests;

/// <summary>
/// A round driven over the API by the people who really act in it. Tests call the steps they need; each
/// step asserts its own answer, so a broken stage fails where it breaks.
/// </summary>
public sealed class Lifecycle(XunchaApp app)
{
    public HttpClient Office { get; private set; } = null!;
    public HttpClient Leading { get; private set; } = null!;
    public HttpClient Leader { get; private set; } = null!;
    public HttpClient Member { get; private set; } = null!;
    public Dictionary<string, HttpClient> Units { get; } = [];
    public Guid RoundId { get; private set; }
    public Guid GroupId { get; private set; }
    public Dictionary<string, Guid> Targets { get; } = [];
    public Guid LeaderUserId { get; private set; }
    public Guid MemberUserId { get; private set; }
    public DateOnly Today { get; } = app.Today;

    public static readonly string[] Codes = ["CWC", "ZCC", "MKS"];

    private readonly Dictionary<string, (string Name, string Password)> _people = [];

    public async Task<Lifecycle> PeopleAsync()
    {
        _people["office"] = await app.CreateUserAsync(Role.Office);
        _people["leading"] = await app.CreateUserAsync(Role.LeadingGroup);
        _people["leader"] = await app.CreateUserAsync(Role.GroupLeader, "TSG");
        _people["member"] = await app.CreateUserAsync(Role.GroupMember, "XXY");
        foreach (var code in Codes) _people["unit" + code] = await app.CreateUserAsync(Role.Unit, code);
        await SignInAsync();
        LeaderUserId = await UserIdAsync(Leader);
        MemberUserId = await UserIdAsync(Member);
        // the group comes from the pool: the two with accounts, and three more to reach the policy's five
        var n = Interlocked.Increment(ref _enrolled);
        LeaderMemberId = await PoolHelper.EnrolAsync(app, Office, $"组长{n}", "TSG", "正处", leaderEligible: true, userId: LeaderUserId, professions: ["党建"]);
        MemberMemberId = await PoolHelper.EnrolAsync(app, Office, $"组员{n}", "XXY", "正科", userId: MemberUserId, professions: ["财务"]);
        Extras.Clear();
        foreach (var (code, i) in new[] { "KJC", "GJC", "LSY" }.Select((c, i) => (c, i)))
            Extras.Add(await PoolHelper.EnrolAsync(app, Office, $"组员{n}-{i}", code, "副科", professions: i == 0 ? ["审计"] : i == 1 ? ["纪检"] : []));
        return this;
    }

    private static int _enrolled;

    /// <summary>The pool members of the group: the leader and the member have accounts, the extras do not.</summary>
    public Guid LeaderMemberId { get; private set; }
    public Guid MemberMemberId { get; private set; }
    public List<Guid> Extras { get; } = [];

    /// <summary>Signs everyone in again (tokens last 30 minutes of the app's clock).</summary>
    public async Task SignInAsync()
    {
        async Task<HttpClient> C(string who) => await app.ClientForAsync(_people[who].Name, _people[who].Password);
        Office = await C("office");
        Leading = await C("leading");
        Leader = await C("leader");
        Member = await C("member");
        foreach (var code in Codes) Units[code] = await C("unit" + code);
    }

    /// <summary>A page session (cookie, antiforgery) for one of the people: office, leading, leader, member, unitCWC…</summary>
    public async Task<WebSession> WebAsync(string who)
    {
        var web = new WebSession(app);
        await web.SignInAsync(_people[who].Name, _people[who].Password);
        return web;
    }

    /// <summary>Draft → targets → a group → submitted → approved → in the field.</summary>
    public async Task<Lifecycle> PlannedAndInFieldAsync(int ordinal = 0)
    {
        var defaults = await (await Office.GetAsync("/api/v1/rounds/defaults")).JsonAsync();
        var round = await (await Office.PostAsJsonAsync("/api/v1/rounds", new
        {
            committeeId = defaults.GetProperty("committeeId").GetGuid(), termId = defaults.GetProperty("termId").GetGuid(),
            year = defaults.GetProperty("year").GetInt32(), ordinal = ordinal == 0 ? defaults.GetProperty("ordinal").GetInt32() : ordinal,
            name = "十三届党委第二轮巡察", type = "Regular", theme = "聚焦“两个维护”", focusPoints = "财务管理、资产管理、选人用人",
            plannedStart = Today.ToString("yyyy-MM-dd"), plannedEnd = Today.AddMonths(1).ToString("yyyy-MM-dd"),
            taxonomyId = defaults.GetProperty("taxonomyId").GetGuid(),
        })).JsonAsync(HttpStatusCode.Created);
        RoundId = round.GetProperty("id").GetGuid();
        var orgIds = new List<Guid>();
        foreach (var code in Codes) orgIds.Add(await app.OrgIdAsync(code));
        var withTargets = await (await Office.PutAsJsonAsync($"/api/v1/rounds/{RoundId}/targets", new { organizationIds = orgIds, version = Version(round) })).JsonAsync();
        foreach (var t in withTargets.GetProperty("targets").EnumerateArray())
            Targets[Codes[orgIds.IndexOf(t.GetProperty("organizationId").GetGuid())]] = t.GetProperty("id").GetGuid();
        var group = await (await Office.PostAsJsonAsync($"/api/v1/rounds/{RoundId}/groups", new
        {
            leaderId = LeaderMemberId, memberIds = Extras.Prepend(MemberMemberId).ToArray(), targetIds = Targets.Values,
        })).JsonAsync(HttpStatusCode.Created);
        GroupId = group.GetProperty("id").GetGuid();
        await RoundActionAsync(Office, "submit", null, "PendingApproval");
        await RoundActionAsync(Leading, "approve", "同意", "Approved");
        await RoundActionAsync(Office, "start-fieldwork", null, "InField");
        return this;
    }

    public async Task<JsonElement> RoundAsync(HttpClient? as_ = null) => await ((as_ ?? Office).GetAsync($"/api/v1/rounds/{RoundId}")).Result.JsonAsync();

    public async Task<JsonElement> RoundActionAsync(HttpClient client, string action, string? comment, string expectedStatus)
    {
        var version = Version(await RoundAsync());
        var r = await (await client.PostAsJsonAsync($"/api/v1/rounds/{RoundId}/{action}", new { comment, version })).JsonAsync();
        r.GetProperty("status").GetString().ShouldBe(expectedStatus);
        return r;
    }

    public async Task<Guid> ProblemAsync(string code, string title, int categoryIndex = 0, HttpClient? author = null)
    {
        var categories = await (await Member.GetAsync($"/api/v1/rounds/{RoundId}/categories")).JsonAsync();
        var p = await (await (author ?? Member).PostAsJsonAsync("/api/v1/problems", new
        {
            targetId = Targets[code], title, manifestation = title + "。具体表现为……", basis = "违反《中国共产党纪律处分条例》有关规定",
            responsibility = "单位党组织主体责任落实不到位", categoryId = categories[categoryIndex].GetProperty("id").GetGuid(),
        })).JsonAsync(HttpStatusCode.Created);
        return p.GetProperty("row").GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> ProblemActionAsync(HttpClient client, Guid id, string action, string? reason = null)
    {
        var p = await (await client.GetAsync($"/api/v1/problems/{id}")).JsonAsync();
        return await (await client.PostAsJsonAsync($"/api/v1/problems/{id}/{action}", new { reason, version = p.GetProperty("row").GetProperty("version").GetUInt32() })).JsonAsync();
    }

    public async Task<Guid> ApprovedProblemAsync(string code, string title, int category = 0)
    {
        var id = await ProblemAsync(code, title, category);
        await ProblemActionAsync(Member, id, "submit");
        await ProblemActionAsync(Leader, id, "approve");
        return id;
    }

    /// <summary>Fieldwork ends, the group reports, the leading group approves, every target gets feedback.</summary>
    public async Task FedBackAsync()
    {
        await RoundActionAsync(Office, "end-fieldwork", null, "Reporting");
        var report = await (await Leader.PutAsJsonAsync($"/api/v1/groups/{GroupId}/report",
            new { generalAssessment = "被巡察单位党组织总体能够贯彻落实上级决策部署，但也存在一些问题。", suggestions = "压实主体责任。", version = 0u })).JsonAsync();
        report = await (await Leader.PostAsJsonAsync($"/api/v1/groups/{GroupId}/report/submit", new { version = report.GetProperty("version").GetUInt32() })).JsonAsync();
        await (await Leading.PostAsJsonAsync($"/api/v1/groups/{GroupId}/report/approve", new { version = report.GetProperty("version").GetUInt32() })).JsonAsync();
        foreach (var code in Codes) await FeedbackAsync(code);
    }

    /// <summary>The group reports and is approved, but no feedback is given yet.</summary>
    public async Task FedBackAsync_Partial()
    {
        var report = await (await Leader.PutAsJsonAsync($"/api/v1/groups/{GroupId}/report", new { generalAssessment = "总体评价。", version = 0u })).JsonAsync();
        report = await (await Leader.PostAsJsonAsync($"/api/v1/groups/{GroupId}/report/submit", new { version = report.GetProperty("version").GetUInt32() })).JsonAsync();
        await (await Leading.PostAsJsonAsync($"/api/v1/groups/{GroupId}/report/approve", new { version = report.GetProperty("version").GetUInt32() })).JsonAsync();
        await FeedbackAsync("CWC");
    }

    public async Task<JsonElement> FeedbackAsync(string code)
    {
        var target = (await RoundAsync()).GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == Targets[code]);
        return await (await Office.PostAsJsonAsync($"/api/v1/targets/{Targets[code]}/feedback",
            new { date = Today.ToString("yyyy-MM-dd"), version = Version(target) })).JsonAsync();
    }

    public async Task<JsonElement> PlanAsync(string code, HttpClient? as_ = null) =>
        await (await (as_ ?? Units[code]).GetAsync($"/api/v1/targets/{Targets[code]}/plan")).JsonAsync();

    public async Task<Guid> TaskAsync(string code, Guid problemId, string kind = "Deadline", int days = 30, string? goal = null)
    {
        var lead = await app.OrgIdAsync(code);
        var body = new
        {
            problemId, goal = goal ?? "建立健全制度，堵塞漏洞", measures = "一是全面自查；二是修订制度；三是加强培训。", responsibleLeader = "单位书记",
            leadOrganizationId = lead, coOrganizationIds = new[] { await app.OrgIdAsync("JWC") }, kind,
            deadline = kind == "LongTerm" ? null : Today.AddDays(days).ToString("yyyy-MM-dd"),
            milestones = kind == "LongTerm" ? new[] { new { dueOn = Today.AddMonths(2).ToString("yyyy-MM-dd"), description = "完成阶段目标" } } : null,
        };
        var t = await (await Units[code].PostAsJsonAsync($"/api/v1/targets/{Targets[code]}/tasks", body)).JsonAsync(HttpStatusCode.Created);
        return t.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> PlanActionAsync(HttpClient client, string code, string action, string? comment = null, object? taskComments = null)
    {
        var plan = await PlanAsync(code, Office);
        return await (await client.PostAsJsonAsync($"/api/v1/targets/{Targets[code]}/plan/{action}",
            new { comment, taskComments, version = plan.GetProperty("version").GetUInt32() })).JsonAsync();
    }

    /// <summary>A task per problem, submitted and approved, for every target: the round is in rectification.</summary>
    public async Task RectifyingAsync()
    {
        foreach (var code in Codes)
        {
            var plan = await PlanAsync(code);
            foreach (var p in plan.GetProperty("problems").EnumerateArray())
                await TaskAsync(code, p.GetProperty("problem").GetProperty("id").GetGuid());
            await PlanActionAsync(Units[code], code, "submit");
            await PlanActionAsync(Office, code, "approve", "同意");
        }
    }

    public async Task<JsonElement> TaskDetailAsync(Guid id, HttpClient? as_ = null) => await (await (as_ ?? Office).GetAsync($"/api/v1/tasks/{id}")).JsonAsync();

    public static MultipartFormDataContent Form(uint version, string field, string text, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(text), field }, { new StringContent(version.ToString()), "version" } };
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }
        return form;
    }

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    public static uint Version(JsonElement e) => e.GetProperty("version").GetUInt32();

    private static async Task<Guid> UserIdAsync(HttpClient c) => (await (await c.GetAsync("/api/v1/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
}
