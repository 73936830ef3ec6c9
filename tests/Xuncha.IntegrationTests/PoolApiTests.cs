using System.Text.Json;

namespace Xuncha.IntegrationTests;

/// <summary>The talent pool over the API: entry and exit, the yearly review, relations, policy, scope, bad input.</summary>
public class PoolApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<(HttpClient Client, Guid UserId)> PersonAsync(Role role, string org)
    {
        var (name, password) = await app.CreateUserAsync(role, org);
        var client = await app.ClientForAsync(name, password);
        var me = await (await client.GetAsync("/api/v1/auth/me")).JsonAsync();
        return (client, me.GetProperty("id").GetGuid());
    }

    private static async Task<object> Body(XunchaApp app, HttpClient c, string name, string org, string rank = "正科", string[]? professions = null, string? reason = "理由",
        uint? version = null)
    {
        var (ranks, profs) = await PoolHelper.ListsAsync(c);
        return new
        {
            name, organizationId = await app.OrgIdAsync(org), rankId = ranks[rank], leaderEligible = false, fullTime = false,
            professionIds = (professions ?? ["党建"]).Select(p => profs[p]).ToArray(), reason, version,
        };
    }

    [Fact]
    public async Task A_self_recommendation_is_approved_by_the_office_and_the_member_reads_their_own_record_only()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var (member, _) = await PersonAsync(Role.GroupMember, "WDY");
        (await (await member.PostAsJsonAsync("/api/v1/pool/applications", await Body(app, member, "无理由", "WDY", reason: null))).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("reason").ShouldBe(["必填。"]);
        var applied = await (await member.PostAsJsonAsync("/api/v1/pool/applications", await Body(app, member, "自荐者", "WDY", professions: ["审计"])))
            .JsonAsync(HttpStatusCode.Created);
        var id = applied.GetProperty("row").GetProperty("id").GetGuid();
        applied.GetProperty("row").GetProperty("status").GetString().ShouldBe("Applied");
        applied.GetProperty("row").GetProperty("entryRoute").GetString().ShouldBe("SelfRecommended");
        (await (await member.PostAsJsonAsync("/api/v1/pool/applications", await Body(app, member, "自荐者二", "WDY"))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetRawText().ShouldContain("该账号已关联人才库中的另一人员。");

        var version = Lifecycle.Version(applied.GetProperty("row"));
        (await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/approve", new { note = "同意", version = version + 3 })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("type").GetString().ShouldEndWith("stale");
        var approved = await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/approve", new { note = "同意", version })).JsonAsync();
        approved.GetProperty("row").GetProperty("status").GetString().ShouldBe("Active");
        approved.GetProperty("row").GetProperty("confirmed").GetBoolean().ShouldBeTrue();
        (await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/approve", new { version = Lifecycle.Version(approved.GetProperty("row")) }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("在库");

        var mine = await (await member.GetAsync("/api/v1/pool/me")).JsonAsync();
        mine.GetProperty("isSelf").GetBoolean().ShouldBeTrue();
        mine.GetProperty("row").GetProperty("id").GetGuid().ShouldBe(id);
        var (other, _) = await PersonAsync(Role.GroupMember, "HGY");
        await (await other.GetAsync($"/api/v1/pool/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await other.GetAsync("/api/v1/pool/me")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await member.GetAsync("/api/v1/pool")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_unit_recommends_only_its_own_people_and_a_rejection_needs_a_reason()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var unit = await app.ClientAsAsync(Role.Unit, "CWC");
        (await (await unit.PostAsJsonAsync("/api/v1/pool/recommendations", await Body(app, unit, "外单位人", "HQC"))).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("organizationId").ShouldBe(["只能推荐本单位（含下属党组织）的人员。"]);
        var id = (await (await unit.PostAsJsonAsync("/api/v1/pool/recommendations", await Body(app, unit, "支部骨干", "CWC-2", professions: ["财务"])))
            .JsonAsync()).GetProperty("id").GetGuid();
        var record = await (await office.GetAsync($"/api/v1/pool/{id}")).JsonAsync();
        record.GetProperty("recommendedBy").GetString().ShouldBe("财务处党总支");
        var version = Lifecycle.Version(record.GetProperty("row"));
        (await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/reject", new { version })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("note").ShouldBe(["必填。"]);
        var rejected = await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/reject", new { note = "暂不符合条件", version })).JsonAsync();
        rejected.GetProperty("row").GetProperty("status").GetString().ShouldBe("Rejected");
        rejected.GetProperty("decisionNote").GetString().ShouldBe("暂不符合条件");
        var discipline = await app.ClientAsAsync(Role.Discipline);
        await (await discipline.PostAsJsonAsync("/api/v1/pool/recommendations", await Body(app, discipline, "某人", "JWB"))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_written()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var (ranks, profs) = await PoolHelper.ListsAsync(office);
        var before = (await (await office.GetAsync("/api/v1/pool?status=Active")).JsonAsync()).GetArrayLength();
        var bad = await (await office.PostAsJsonAsync("/api/v1/pool", new
        {
            name = new string('名', 51), organizationId = Guid.NewGuid(), rankId = Guid.NewGuid(), phone = "abc", email = "not-an-email",
            professionIds = new[] { profs["党建"], profs["党建"] },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors("name").ShouldBe(["不能超过 50 个字符。"]);
        bad.FieldErrors("organizationId").ShouldBe(["请选择本党委下启用中的组织。"]);
        bad.FieldErrors("rankId").ShouldBe(["请选择职级。"]);
        bad.FieldErrors("phone").ShouldBe(["电话格式不正确。"]);
        bad.FieldErrors("email").ShouldBe(["电子邮箱格式不正确。"]);
        bad.FieldErrors("professionIds").ShouldBe(["专业重复。"]);
        await PoolHelper.EnrolAsync(app, office, "同名人", "SXY");
        (await (await office.PostAsJsonAsync("/api/v1/pool", await Body(app, office, "同名人", "SXY"))).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("name")[0].ShouldContain("已在人才库中");
        (await (await office.GetAsync("/api/v1/pool?status=Active")).JsonAsync()).GetArrayLength().ShouldBe(before + 1);
        await (await office.PostAsJsonAsync("/api/v1/pool", new { name = "某", organizationId = await app.OrgIdAsync("SXY"), rankId = ranks["正科"], userId = Guid.NewGuid() }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Relations_are_declared_by_the_member_or_the_office_with_their_dates_checked()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var (member, userId) = await PersonAsync(Role.GroupMember, "FXY");
        var id = await PoolHelper.EnrolAsync(app, office, "申报人", "FXY", userId: userId);
        var past = await (await member.PostAsJsonAsync($"/api/v1/pool/{id}/relations", new
        {
            kind = "PastOrganization", organizationId = await app.OrgIdAsync("WXY"), fromDate = "2018-03-01", toDate = "2023-06-30",
        })).JsonAsync();
        past.GetProperty("relations").EnumerateArray().Single().GetProperty("countsNow").GetBoolean().ShouldBeTrue();
        var reversed = await (await member.PostAsJsonAsync($"/api/v1/pool/{id}/relations", new
        {
            kind = "PastOrganization", organizationId = await app.OrgIdAsync("WXY"), fromDate = "2020-03-01", toDate = "2019-06-30",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        reversed.FieldErrors("toDate").ShouldBe(["结束日期不能早于开始日期。"]);
        var future = app.Today.AddYears(1).ToString("yyyy-MM-dd");
        (await (await member.PostAsJsonAsync($"/api/v1/pool/{id}/relations", new { kind = "PastOrganization", organizationId = await app.OrgIdAsync("WXY"), fromDate = "2020-01-01", toDate = future }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("toDate").ShouldBe(["日期不能晚于今天。"]);
        var relative = await (await member.PostAsJsonAsync($"/api/v1/pool/{id}/relations", new { kind = "Relative", organizationId = await app.OrgIdAsync("YSY") }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        relative.FieldErrors("personName").ShouldBe(["必填。"]);
        relative.FieldErrors("relation").ShouldBe(["必填。"]);
        var (stranger, _) = await PersonAsync(Role.GroupMember, "YSY");
        await (await stranger.PostAsJsonAsync($"/api/v1/pool/{id}/relations", new { kind = "Conflict", organizationId = await app.OrgIdAsync("YSY"), note = "x" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var relationId = past.GetProperty("relations")[0].GetProperty("id").GetGuid();
        (await stranger.DeleteAsync($"/api/v1/pool/{id}/relations/{relationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await office.DeleteAsync($"/api/v1/pool/{id}/relations/{relationId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await stranger.PostAsJsonAsync($"/api/v1/pool/{id}/trainings", new { course = "x", kind = "Practice", date = "2024-01-01", hours = 2 }))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Exit_keeps_the_history_the_yearly_review_confirms_and_the_policy_guards_its_numbers()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var id = await PoolHelper.EnrolAsync(app, office, "将出库者", "JJY");
        var record = await (await office.GetAsync($"/api/v1/pool/{id}")).JsonAsync();
        (await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/exit", new { version = Lifecycle.Version(record.GetProperty("row")) })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("reason").ShouldBe(["必填。"]);
        var exited = await (await office.PostAsJsonAsync($"/api/v1/pool/{id}/exit", new { reason = "Transferred", note = "调离", version = Lifecycle.Version(record.GetProperty("row")) })).JsonAsync();
        exited.GetProperty("row").GetProperty("status").GetString().ShouldBe("Exited");
        exited.GetProperty("exitReason").GetString().ShouldBe("Transferred");
        (await (await office.PutAsJsonAsync($"/api/v1/pool/{id}", await Body(app, office, "将出库者", "JJY", version: Lifecycle.Version(exited.GetProperty("row"))))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已出库");
        (await (await office.PostAsJsonAsync("/api/v1/pool/confirm", new { year = app.Today.Year, memberIds = new[] { id } })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("年度确认");

        var active = await PoolHelper.EnrolAsync(app, office, "年度确认者", "JJY");
        var year = app.Today.Year;
        (await (await office.PostAsJsonAsync("/api/v1/pool/confirm", new { year = year + 5, memberIds = new[] { active } })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("year")[0].ShouldContain("之间");
        await (await office.PostAsJsonAsync("/api/v1/pool/confirm", new { year = year + 1, memberIds = new[] { active, Guid.NewGuid() } })).ProblemAsync(HttpStatusCode.NotFound);
        (await (await office.PostAsJsonAsync("/api/v1/pool/confirm", new { year = year + 1, memberIds = new[] { active } })).JsonAsync()).GetProperty("confirmed").GetInt32().ShouldBe(1);
        (await (await office.GetAsync($"/api/v1/pool/{active}")).JsonAsync()).GetProperty("row").GetProperty("confirmedYear").GetInt32().ShouldBe(year + 1);

        var policy = await (await office.GetAsync("/api/v1/pool/policy")).JsonAsync();
        policy.GetProperty("groupMinSize").GetInt32().ShouldBe(5);
        var bad = await (await office.PutAsJsonAsync($"/api/v1/pool/policy?version={policy.GetProperty("version").GetUInt32()}", new
        {
            leaderMinLevel = 4, groupMinSize = 6, groupMaxSize = 4, avoidanceYears = 5, excellentPercent = 20, recentYears = 3,
            requiredProfessionIds = Array.Empty<Guid>(), weightCoverage = 0, weightMentoring = 0, weightMix = 0, weightFairness = 0, weightDiversity = 0,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors("groupMaxSize").ShouldBe(["最多人数不能少于最少人数。"]);
        var leading = await app.ClientAsAsync(Role.LeadingGroup);
        (await leading.GetAsync("/api/v1/pool/stats")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await leading.PutAsJsonAsync("/api/v1/pool/policy", new { groupMinSize = 5 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.ClientAsAsync(Role.SysAdmin)).GetAsync("/api/v1/pool")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.ClientAsAsync(Role.AuditAdmin)).GetAsync("/api/v1/pool/stats")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

/// <summary>The pool's pages: who reaches which, and the Excel import previewed then committed.</summary>
public class PoolPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<WebSession> Web(Role role, string? org = null)
    {
        var (name, password) = await app.CreateUserAsync(role, org);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        return web;
    }

    [Fact]
    public async Task Roles_reach_their_pool_pages_only()
    {
        var unit = await Web(Role.Unit, "CWC");
        (await unit.GetAsync("/pool")).Headers.Location!.ToString().ShouldContain("/account/denied");
        (await unit.GetAsync("/pool/join?recommend=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unit.GetAsync("/pool/me")).Headers.Location!.ToString().ShouldBe("/pool/join");
        var leading = await Web(Role.LeadingGroup);
        (await leading.GetAsync("/pool/stats")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await leading.GetAsync("/pool/edit")).Headers.Location!.ToString().ShouldContain("/account/denied");
        var sys = await Web(Role.SysAdmin);
        (await sys.GetAsync("/pool/me")).Headers.Location!.ToString().ShouldContain("/account/denied");
        (await sys.GetAsync("/pool/join")).Headers.Location!.ToString().ShouldContain("/account/denied");
        var office = await app.ClientAsAsync(Role.Office);
        var id = await PoolHelper.EnrolAsync(app, office, "页面测试人", "YSY");
        var stranger = await Web(Role.GroupMember, "TYY");
        (await stranger.GetAsync($"/pool/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_office_previews_an_excel_list_with_its_errors_then_imports_it_whole()
    {
        var web = await Web(Role.Office);
        var bad = "姓名,所在单位,职级\n甲,JKY,正科\n乙,无此单位,正科\n"u8.ToArray();
        var preview = await web.Client.PostAsync("/pool/import?handler=Preview", Upload(await TokenAsync(web), bad));
        var html = await preview.Content.ReadAsStringAsync();
        html.ShouldContain("第 3 行「所在单位」");
        html.ShouldNotContain("import-commit");
        var good = "姓名,所在单位,职级,专业,组长库\n页面导入甲,JKY,正科,党建,否\n页面导入乙,JKY,副处,纪检、法律,是\n"u8.ToArray();
        html = await (await web.Client.PostAsync("/pool/import?handler=Preview", Upload(await TokenAsync(web), good))).Content.ReadAsStringAsync();
        html.ShouldContain("import-commit");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"token\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        var commit = await web.PostFormAsync("/pool/import?handler=Commit", new() { ["token"] = token, ["fileName"] = "名单.csv" }, "/pool/import");
        commit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var office = await app.ClientAsAsync(Role.Office);
        var list = await (await office.GetAsync("/api/v1/pool?search=页面导入")).JsonAsync();
        list.GetArrayLength().ShouldBe(2);
        // the same token again: the staged file is gone
        var replay = await web.PostFormAsync("/pool/import?handler=Commit", new() { ["token"] = token, ["fileName"] = "名单.csv" }, "/pool/import");
        (await replay.Content.ReadAsStringAsync()).ShouldContain("请重新上传");
    }

    private static async Task<string> TokenAsync(WebSession web)
    {
        var html = await (await web.GetAsync("/pool/import")).Content.ReadAsStringAsync();
        return System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value);
    }

    private static MultipartFormDataContent Upload(string token, byte[] csv) => new()
    {
        { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(csv), "upload", "名单.csv" },
    };
}

/// <summary>Formation and appraisal over the API on a round of its own.</summary>
public class FormationApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static int _ordinal = 40;

    /// <summary>A draft round with four targets and a pool of twenty around them (four may lead).</summary>
    private async Task<(HttpClient Office, Guid RoundId, Dictionary<string, Guid> Targets, Dictionary<string, Guid> People)> SetupAsync()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var d = await (await office.GetAsync("/api/v1/rounds/defaults")).JsonAsync();
        var round = await (await office.PostAsJsonAsync("/api/v1/rounds", new
        {
            committeeId = d.GetProperty("committeeId").GetGuid(), year = 2040, ordinal = Interlocked.Increment(ref _ordinal), name = "组队测试轮次" + _ordinal, type = "Regular",
            plannedStart = "2040-03-01", plannedEnd = "2040-04-01", taxonomyId = d.GetProperty("taxonomyId").GetGuid(),
        })).JsonAsync(HttpStatusCode.Created);
        var id = round.GetProperty("id").GetGuid();
        string[] codes = ["WGY", "HGY", "TYY", "YSY"];
        var orgs = new List<Guid>();
        foreach (var c in codes) orgs.Add(await app.OrgIdAsync(c));
        round = await (await office.PutAsJsonAsync($"/api/v1/rounds/{id}/targets", new { organizationIds = orgs, version = Lifecycle.Version(round) })).JsonAsync();
        var targets = round.GetProperty("targets").EnumerateArray().ToDictionary(t => codes[orgs.IndexOf(t.GetProperty("organizationId").GetGuid())], t => t.GetProperty("id").GetGuid());
        var people = new Dictionary<string, Guid>();
        string[] homes = ["SXY", "WDY", "SKY", "LSY", "JKY", "JGY", "FXY", "KJC", "GJC", "JJY"];
        for (var i = 0; i < 20; i++)
        {
            var name = $"组队{_ordinal}-{i}";
            people[name] = await PoolHelper.EnrolAsync(app, office, name, i < 2 ? "WGY" : homes[i % homes.Length], i < 4 ? "正处" : "正科", leaderEligible: i < 4,
                fullTime: i % 5 == 0, professions: i % 4 == 0 ? ["党建"] : i % 4 == 1 ? ["财务"] : i % 4 == 2 ? ["审计"] : ["纪检"]);
        }
        return (office, id, targets, people);
    }

    [Fact]
    public async Task Nobody_on_a_tour_is_proposed_or_accepted_for_a_round_whose_fieldwork_overlaps_it()
    {
        var (office, a, _, people) = await SetupAsync();
        var proposal = await (await office.PostAsJsonAsync($"/api/v1/rounds/{a}/formation", new { groups = 2 })).JsonAsync();
        var plans = Plans(proposal);
        var round = await (await office.GetAsync($"/api/v1/rounds/{a}")).JsonAsync();
        (await office.PostAsJsonAsync($"/api/v1/rounds/{a}/formation/apply", new { groups = plans, version = Lifecycle.Version(round) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var onTour = plans.SelectMany(p => p.Everyone).ToHashSet();

        async Task<Guid> RoundAsync(string name, string start, string end, params string[] codes)
        {
            var d = await (await office.GetAsync("/api/v1/rounds/defaults")).JsonAsync();
            var r = await (await office.PostAsJsonAsync("/api/v1/rounds", new
            {
                committeeId = d.GetProperty("committeeId").GetGuid(), year = 2040, ordinal = Interlocked.Increment(ref _ordinal), name, type = "Special",
                plannedStart = start, plannedEnd = end, taxonomyId = d.GetProperty("taxonomyId").GetGuid(),
            })).JsonAsync(HttpStatusCode.Created);
            var orgs = new List<Guid>();
            foreach (var c in codes) orgs.Add(await app.OrgIdAsync(c));
            await (await office.PutAsJsonAsync($"/api/v1/rounds/{r.GetProperty("id").GetGuid()}/targets", new { organizationIds = orgs, version = Lifecycle.Version(r) })).JsonAsync();
            return r.GetProperty("id").GetGuid();
        }

        // overlapping: none of them proposed, each listed as taken and why
        var b = await RoundAsync("同期专项" + _ordinal, "2040-03-20", "2040-04-20", "TSG");
        var overlapping = await (await office.PostAsJsonAsync($"/api/v1/rounds/{b}/formation", new { groups = 1 })).JsonAsync();
        Plans(overlapping).SelectMany(p => p.Everyone).Intersect(onTour).ShouldBeEmpty();
        var taken = overlapping.GetProperty("unavailable").EnumerateArray().Where(u => onTour.Contains(u.GetProperty("id").GetGuid())).ToList();
        taken.Count.ShouldBe(onTour.Count);
        taken.ShouldAllBe(u => u.GetProperty("reason").GetString()!.Contains("进驻时间") && u.GetProperty("reason").GetString()!.Contains("组队测试轮次"));
        // and refused when put in by hand, with the same reason
        var someone = onTour.First();
        var check = await (await office.PostAsJsonAsync($"/api/v1/rounds/{b}/groups/check", new
        {
            leaderId = someone, memberIds = Plans(overlapping)[0].Everyone.Skip(1).Take(4).ToArray(), targetIds = Plans(overlapping)[0].TargetIds,
        })).JsonAsync();
        check.GetProperty("ok").GetBoolean().ShouldBeFalse();
        check.GetProperty("violations").EnumerateArray().ShouldContain(v => v.GetString()!.Contains("不能同时参加"));

        // a round after the tour: they are free again
        var c = await RoundAsync("下一轮专项" + _ordinal, "2040-05-01", "2040-06-01", "TSG");
        var later = await (await office.PostAsJsonAsync($"/api/v1/rounds/{c}/formation", new { groups = 1 })).JsonAsync();
        later.GetProperty("unavailable").EnumerateArray().ShouldNotContain(u => onTour.Contains(u.GetProperty("id").GetGuid()));
    }

    private sealed record Plan(Guid LeaderId, List<Guid> DeputyIds, List<Guid> MemberIds, List<Guid> TargetIds)
    {
        public IEnumerable<Guid> Everyone => DeputyIds.Prepend(LeaderId).Concat(MemberIds);
    }

    private static List<Plan> Plans(System.Text.Json.JsonElement proposal) => proposal.GetProperty("groups").EnumerateArray().Select(g => new Plan(
        g.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "Leader").GetProperty("id").GetGuid(),
        g.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "Deputy").Select(m => m.GetProperty("id").GetGuid()).ToList(),
        g.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "Member").Select(m => m.GetProperty("id").GetGuid()).ToList(),
        g.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList())).ToList();

    [Fact]
    public async Task A_proposal_is_explained_deterministic_and_adopted_and_a_violating_edit_is_refused_whole()
    {
        var (office, id, targets, people) = await SetupAsync();
        var first = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { groups = 2 })).JsonAsync();
        var again = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { groups = 2 })).JsonAsync();
        again.GetRawText().ShouldBe(first.GetRawText());
        var groups = first.GetProperty("groups");
        groups.GetArrayLength().ShouldBe(2);
        first.GetProperty("score").GetDouble().ShouldBeGreaterThan(0);
        first.GetProperty("greedyScore").ValueKind.ShouldNotBe(JsonValueKind.Undefined);
        foreach (var g in groups.EnumerateArray())
        {
            g.GetProperty("members").GetArrayLength().ShouldBeInRange(5, 7);
            g.GetProperty("members").EnumerateArray().ShouldAllBe(m => m.GetProperty("reasons").GetArrayLength() > 0);
            g.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("role").GetString() == "Leader").ShouldBe(1);
        }
        // the two from 外国语学院 are ruled out of it, and the proposal says so
        var wgy = first.GetProperty("exclusions").EnumerateArray().Single(t => t.GetProperty("targetId").GetGuid() == targets["WGY"]);
        var ruledOut = wgy.GetProperty("excluded").EnumerateArray().Where(e => e.GetProperty("rule").GetString() == "HomeOrganization")
            .Select(e => e.GetProperty("candidateId").GetGuid()).ToList();
        ruledOut.ShouldContain(people.Values.ElementAt(0));
        ruledOut.ShouldContain(people.Values.ElementAt(1));
        var wgyGroup = groups.EnumerateArray().Single(g => g.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("id").GetGuid() == targets["WGY"]));
        wgyGroup.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ShouldNotContain(people.Values.First());

        var plans = groups.EnumerateArray().Select(g => new
        {
            leaderId = g.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "Leader").GetProperty("id").GetGuid(),
            deputyIds = g.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "Deputy").Select(m => m.GetProperty("id").GetGuid()).ToList(),
            memberIds = g.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "Member").Select(m => m.GetProperty("id").GetGuid()).ToList(),
            targetIds = g.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList(),
        }).ToList();
        // edit: someone from 外国语学院 into the group that inspects it
        var wgyIndex = plans.FindIndex(p => p.targetIds.Contains(targets["WGY"]));
        var outsider = people.Values.First();
        plans[wgyIndex].memberIds.Add(outsider);
        var check = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/groups/check", new
        {
            leaderId = plans[wgyIndex].leaderId, deputyIds = plans[wgyIndex].deputyIds, memberIds = plans[wgyIndex].memberIds, targetIds = plans[wgyIndex].targetIds,
        })).JsonAsync();
        check.GetProperty("ok").GetBoolean().ShouldBeFalse();
        check.GetProperty("violations").EnumerateArray().ShouldContain(v => v.GetString()!.Contains("外国语学院党委") && v.GetString()!.Contains("须回避"));
        var roundVersion = (await (await office.GetAsync($"/api/v1/rounds/{id}")).JsonAsync()).GetProperty("version").GetUInt32();
        var refused = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation/apply", new { groups = plans, version = roundVersion })).ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty($"groups[{wgyIndex}]").EnumerateArray().Select(m => m.GetString()!)
            .ShouldContain(m => m.Contains("须回避") && m.StartsWith(wgyIndex == 0 ? "第一巡察组" : "第二巡察组"));
        (await (await office.GetAsync($"/api/v1/rounds/{id}")).JsonAsync()).GetProperty("groups").GetArrayLength().ShouldBe(0);

        plans[wgyIndex].memberIds.Remove(outsider);
        var applied = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation/apply", new { groups = plans, version = roundVersion })).JsonAsync();
        applied.GetProperty("groups").GetArrayLength().ShouldBe(2);
        applied.GetProperty("targets").EnumerateArray().ShouldAllBe(t => t.GetProperty("groupId").ValueKind == JsonValueKind.String);
        // and the current grouping can be re-proposed
        (await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { currentGrouping = true })).JsonAsync())
            .GetProperty("groups").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Impossible_and_invalid_requests_are_explained()
    {
        var (office, id, targets, people) = await SetupAsync();
        (await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { groups = 5 })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("groups")[0].ShouldContain("不能多于巡察对象数");
        (await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { grouping = new[] { new[] { targets["WGY"], targets["WGY"] } } }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("grouping").ShouldContain("同一巡察对象被分到了两个组。");
        (await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("groups").ShouldBe(["必填。"]);
        // groups of twenty: more people than the pool holds
        var policy = await (await office.GetAsync("/api/v1/pool/policy")).JsonAsync();
        object Policy(int min, int max) => new
        {
            leaderMinLevel = 4, groupMinSize = min, groupMaxSize = max, avoidanceYears = 5, excellentPercent = 20, recentYears = 3,
            requiredProfessionIds = policy.GetProperty("requiredProfessionIds").EnumerateArray().Select(x => x.GetGuid()).ToArray(),
            weightCoverage = 40, weightMentoring = 20, weightMix = 10, weightFairness = 20, weightDiversity = 10,
        };
        async Task<string> Versioned() => $"/api/v1/pool/policy?version={(await (await office.GetAsync("/api/v1/pool/policy")).JsonAsync()).GetProperty("version").GetUInt32()}";
        (await office.PutAsJsonAsync(await Versioned(), Policy(20, 20))).EnsureSuccessStatusCode();
        try
        {
            var impossible = await (await office.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { groups = 4 })).ProblemAsync((HttpStatusCode)422);
            impossible.GetProperty("type").GetString().ShouldEndWith("formation-impossible");
            impossible.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ShouldContain(r => r.Contains("共需 80 人"));
        }
        finally
        {
            (await office.PutAsJsonAsync(await Versioned(), Policy(5, 7))).EnsureSuccessStatusCode();
        }
        var member = await app.ClientAsAsync(Role.GroupMember);
        await (await member.PostAsJsonAsync($"/api/v1/rounds/{id}/formation", new { groups = 2 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await office.PostAsJsonAsync($"/api/v1/rounds/{Guid.NewGuid()}/formation", new { groups = 2 })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Appraisal_waits_for_fieldwork_limits_excellent_and_leaders_grade_only_their_own()
    {
        var l = await (await new Lifecycle(app).PeopleAsync()).PlannedAndInFieldAsync(Interlocked.Increment(ref _ordinal));
        var sheet = await (await l.Office.GetAsync($"/api/v1/rounds/{l.RoundId}/appraisals")).JsonAsync();
        sheet.GetProperty("open").GetBoolean().ShouldBeFalse();
        await (await l.Leader.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { new { memberId = l.MemberMemberId, grade = "Competent", version = 0u } } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        await l.RoundActionAsync(l.Office, "end-fieldwork", null, "Reporting");

        var two = new[] { new { memberId = l.MemberMemberId, grade = "Excellent", comment = (string?)null, version = 0u }, new { memberId = l.Extras[0], grade = "Excellent", comment = (string?)null, version = 0u } };
        (await (await l.Leader.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = two })).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("grades")[0].ShouldContain("优秀的不能超过 1 人");
        await (await l.Leader.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { new { memberId = l.LeaderMemberId, grade = "Excellent", version = 0u } } }))
            .ProblemAsync(HttpStatusCode.NotFound); // not themselves
        (await (await l.Leader.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { new { memberId = l.Extras[1], grade = "Incompetent", version = 0u } } }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("grades[0].comment").ShouldBe(["必填。"]);
        var saved = await (await l.Leader.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { two[0] } })).JsonAsync();
        saved.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("memberId").GetGuid() == l.MemberMemberId).GetProperty("leaderGrade").GetString().ShouldBe("Excellent");
        await (await l.Member.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { two[0] } })).ProblemAsync(HttpStatusCode.Forbidden);
        // the office grades a member the leader has not graded yet: the leader sees that grade only after giving his own
        var graded = await (await l.Office.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { new { memberId = l.Extras[2], grade = "Competent", comment = "办公室意见", version = 0u } } })).JsonAsync();
        var leaderView = await (await l.Leader.GetAsync($"/api/v1/rounds/{l.RoundId}/appraisals")).JsonAsync();
        var extra = leaderView.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("memberId").GetGuid() == l.Extras[2]);
        extra.GetProperty("officeGradeWithheld").GetBoolean().ShouldBeTrue();
        extra.GetProperty("officeGrade").ValueKind.ShouldBe(JsonValueKind.Null);
        extra.GetProperty("officeComment").ValueKind.ShouldBe(JsonValueKind.Null);
        (await (await l.Member.GetAsync($"/api/v1/rounds/{l.RoundId}/appraisals")).Content.ReadAsStringAsync()).ShouldNotContain("办公室意见");
        var version = graded.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("memberId").GetGuid() == l.Extras[2]).GetProperty("version").GetUInt32();
        leaderView = await (await l.Leader.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { new { memberId = l.Extras[2], grade = "Competent", comment = "组长意见", version } } })).JsonAsync();
        extra = leaderView.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("memberId").GetGuid() == l.Extras[2]);
        extra.GetProperty("officeGradeWithheld").GetBoolean().ShouldBeFalse();
        extra.GetProperty("officeComment").GetString().ShouldBe("办公室意见");

        var office = await (await l.Office.PutAsJsonAsync($"/api/v1/rounds/{l.RoundId}/appraisals", new { grades = new[] { new { memberId = l.LeaderMemberId, grade = "Excellent", comment = "好", version = 0u } } })).JsonAsync();
        office.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("memberId").GetGuid() == l.LeaderMemberId).GetProperty("officeGrade").GetString().ShouldBe("Excellent");
        var xlsx = await l.Office.GetAsync($"/api/v1/rounds/{l.RoundId}/appraisals.xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await xlsx.Content.ReadAsByteArrayAsync()).Take(2).ShouldBe("PK"u8.ToArray());
        // the member's record now shows the tour and its grade
        var record = await (await l.Office.GetAsync($"/api/v1/pool/{l.LeaderMemberId}")).JsonAsync();
        record.GetProperty("tours").EnumerateArray().Single().GetProperty("grade").GetString().ShouldBe("Excellent");
    }
}
