using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xuncha.Accounts;
using Xuncha.Confidential;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Testing;

namespace Xuncha.IntegrationTests;

/// <summary>A round in the field with a group, its public report page, and every role that may or may not look.</summary>
public sealed class FieldApp : XunchaApp
{
    public Lifecycle L { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public HttpClient Director { get; private set; } = null!;
    public HttpClient Discipline { get; private set; } = null!;
    public HttpClient Secretary { get; private set; } = null!;
    public HttpClient OtherMember { get; private set; } = null!;

    /// <summary>The public page is reached through a proxy here, so that tests can speak as many writers (X-Forwarded-For).</summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("XUNCHA_TRUSTED_PROXIES", "127.0.0.1");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadDemoAsync();
        L = await new Lifecycle(this).PeopleAsync();
        await L.PlannedAndInFieldAsync();
        Token = (await (await L.Member.GetAsync($"/api/v1/groups/{L.GroupId}/report-link")).JsonAsync()).GetProperty("token").GetString()!;
        Director = await TwoRolesAsync(Role.Office, Role.OfficeDirector, "XCB");
        Discipline = await ClientAsAsync(Role.Discipline, "JWB");
        Secretary = await TwoRolesAsync(Role.Discipline, Role.DisciplineSecretary, "JWB");
        OtherMember = await ClientAsAsync(Role.GroupMember, "WXY");
    }

    private async Task<HttpClient> TwoRolesAsync(Role first, Role second, string org)
    {
        var (name, password) = await CreateUserAsync(first, org);
        await AsAsync(System, async sp =>
        {
            var users = sp.GetRequiredService<XunchaUserManager>();
            (await users.AddToRoleAsync((await users.FindByNameAsync(name))!, second.Key())).Succeeded.ShouldBeTrue();
        });
        return await ClientForAsync(name, password);
    }
}

public class ConfidentialTests(FieldApp app) : IClassFixture<FieldApp>
{
    private Lifecycle L => app.L;

    private static HttpRequestMessage Public(HttpMethod method, string url, object? body, string ip, string agent = "Mozilla/5.0 Test")
    {
        var m = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        m.Headers.Add("X-Forwarded-For", ip);
        m.Headers.UserAgent.ParseAdd(agent);
        return m;
    }

    private async Task<(string Number, string Receipt)> SubmitAsync(string content, string ip = "198.51.100.10", string agent = "Mozilla/5.0 Test", bool anonymous = true)
    {
        var r = await app.Anonymous().SendAsync(Public(HttpMethod.Post, $"/api/v1/public/report/{app.Token}", new
        {
            targetId = L.Targets["CWC"], anonymous, subjectName = "钱某", subjectPost = "副处长", content,
            reporterName = anonymous ? null : "实名者", reporterPhone = anonymous ? null : "13800000000",
        }, ip, agent));
        var json = await r.JsonAsync();
        return (json.GetProperty("number").GetString()!, json.GetProperty("receipt").GetString()!);
    }

    private async Task<JsonElement> LetterByNumberAsync(string number, HttpClient? who = null)
    {
        var list = await (await (who ?? L.Member).GetAsync($"/api/v1/letters?roundId={L.RoundId}")).JsonAsync();
        var id = list.EnumerateArray().Single(x => x.GetProperty("number").GetString() == number).GetProperty("id").GetGuid();
        return await (await (who ?? L.Member).GetAsync($"/api/v1/letters/{id}")).JsonAsync();
    }

    private static Guid Id(JsonElement letter) => letter.GetProperty("row").GetProperty("id").GetGuid();

    private static uint Version(JsonElement letter) => letter.GetProperty("row").GetProperty("version").GetUInt32();

    private async Task<List<string>> TablesContainingAsync(string needle)
    {
        var found = new List<string>();
        await using var conn = new NpgsqlConnection(app.Database.SuperUserConnectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(needle));
        foreach (var t in tables)
        {
            // the row as text shows bytea as hex: look for the needle both as text and as the hex of its bytes
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM \"{t}\" x WHERE x::text ILIKE @p OR x::text ILIKE @h", conn);
            cmd.Parameters.AddWithValue("p", "%" + needle + "%");
            cmd.Parameters.AddWithValue("h", "%" + hex + "%");
            if ((long)(await cmd.ExecuteScalarAsync())! > 0) found.Add(t);
        }
        return found;
    }

    private List<string> FilesContaining(string needle)
    {
        var bytes = Encoding.UTF8.GetBytes(needle);
        return Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(bytes) >= 0).ToList();
    }

    [Fact]
    public async Task A_marker_in_a_letter_its_file_its_messages_and_the_clue_made_from_it_is_nowhere_in_plaintext()
    {
        const string marker = "MARKER-Zq81-机密标记";
        var (number, receipt) = await SubmitAsync($"反映财务处 {marker} 违规报销");
        var letter = await LetterByNumberAsync(number);
        letter.GetProperty("content").GetProperty("content").GetString()!.ShouldContain(marker);

        // a registered letter with an evidence file holding the marker
        var pdf = Encoding.UTF8.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var member = await app.ActorAsync(Role.GroupMember, "XXY");
        var memberActor = member with { UserId = L.MemberUserId, Roles = new HashSet<Role> { Role.GroupMember } };
        var (registered, _, _) = await app.AsAsync(memberActor, sp => sp.GetRequiredService<LetterService>().RegisterAsync(
            new LetterInput(L.GroupId, L.Targets["ZCC"], LetterChannel.Mail, false, null, "孙某", "科长", null, $"来信：{marker}", "写信人", "0571-8888"),
            [new Upload("证据.pdf", pdf.Length, () => new MemoryStream(pdf))]));
        var detail = await (await L.Member.GetAsync($"/api/v1/letters/{registered}")).JsonAsync();
        var fileId = detail.GetProperty("files")[0].GetProperty("id").GetGuid();
        (await (await L.Member.GetAsync($"/api/v1/letters/{registered}/files/{fileId}")).Content.ReadAsByteArrayAsync()).ShouldBe(pdf);

        // messages both ways, and the letter turned into a clue
        (await L.Member.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/messages", new { body = $"请补充 {marker} 的时间", question = true })).EnsureSuccessStatusCode();
        (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt/answer", new { code = receipt, body = $"答复：{marker} 发生在去年" }, "198.51.100.11")))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        letter = await LetterByNumberAsync(number);
        var decided = await L.Leader.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/decide", new
        {
            decision = "ToClue", reason = $"反映具体，{marker}", version = Version(letter),
            clue = new { source = "Letter", level = "Secret", topLeader = false, subjectName = "钱某", summary = $"线索：{marker}" },
        });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

        (await TablesContainingAsync(marker)).ShouldBeEmpty();
        (await TablesContainingAsync("MARKER-Zq81")).ShouldBeEmpty();
        FilesContaining("MARKER-Zq81").ShouldBeEmpty();
        // and the search still finds it, through tokens
        var found = await (await L.Member.GetAsync($"/api/v1/letters?search={Uri.EscapeDataString("违规报销")}")).JsonAsync();
        found.EnumerateArray().Select(x => x.GetProperty("number").GetString()).ShouldContain(number);
        (await (await L.Member.GetAsync($"/api/v1/letters?search={Uri.EscapeDataString("工程招标")}")).JsonAsync()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_anonymous_letter_stores_no_address_no_browser_and_no_time_finer_than_the_day()
    {
        var auditBefore = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents.CountAsync());
        var (number, _) = await SubmitAsync("匿名反映：食堂承包合同问题", ip: "203.0.113.199", agent: "MarkerBrowser/9.9 (UA-Zx77)");
        (await TablesContainingAsync("203.0.113.199")).ShouldBeEmpty();
        (await TablesContainingAsync("MarkerBrowser")).ShouldBeEmpty();
        (await TablesContainingAsync("UA-Zx77")).ShouldBeEmpty();
        FilesContaining("203.0.113.199").ShouldBeEmpty();
        // no audit row dates it; its id is random, not time-ordered; the day is all it keeps
        var auditAfter = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents.CountAsync());
        auditAfter.ShouldBe(auditBefore);
        var letter = await LetterByNumberAsync(number);
        Id(letter).Version.ShouldBe(4);
        letter.GetProperty("row").GetProperty("receivedOn").GetString()!.Length.ShouldBe(10);
        letter.GetProperty("row").GetProperty("isAnonymous").GetBoolean().ShouldBeTrue();
        letter.GetProperty("content").GetProperty("reporterName").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_receipt_shows_the_state_and_questions_and_wrong_codes_are_throttled()
    {
        var (number, receipt) = await SubmitAsync("实名反映：科研经费报销问题", anonymous: false);
        receipt.Replace(" ", "").Length.ShouldBe(16);
        var view = await (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.50")))
            .JsonAsync();
        view.GetProperty("number").GetString().ShouldBe(number);
        view.GetProperty("state").GetString().ShouldBe("已受理，正在办理");

        var letter = await LetterByNumberAsync(number);
        (await L.Member.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/messages", new { body = "请问涉及哪个课题？", question = true })).EnsureSuccessStatusCode();
        view = await (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.50"))).JsonAsync();
        view.GetProperty("awaitingReporter").GetBoolean().ShouldBeTrue();
        view.GetProperty("messages")[0].GetProperty("author").GetString().ShouldBe("巡察组"); // never a member's name
        view.GetProperty("messages")[0].GetProperty("body").GetString().ShouldBe("请问涉及哪个课题？");

        // the group's reasons stay inside
        letter = await LetterByNumberAsync(number);
        (await L.Leader.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/decide", new { decision = "Verify", reason = "内部理由：需调阅凭证", version = Version(letter) }))
            .EnsureSuccessStatusCode();
        var text = await (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.50"))).Content.ReadAsStringAsync();
        text.ShouldContain("正在了解核实");
        text.ShouldNotContain("内部理由");

        // guessing: a malformed code and wrong codes count; after five, even the right code waits
        var bad = await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = "12ab" }, "192.0.2.66"));
        (await bad.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("code").ShouldNotBeEmpty();
        for (var i = 0; i < ReceiptThrottle.PerClient - 1; i++)
        {
            var wrong = await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = $"{i:0000}000000000000" }, "192.0.2.66"));
            wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        var blocked = await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.66"));
        (await blocked.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("15 分钟");
        (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.67"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_closed_letter_takes_no_questions_and_its_writer_is_told_it_is_closed()
    {
        var (number, receipt) = await SubmitAsync("反映食堂承包合同问题，请核实。");
        var letter = await LetterByNumberAsync(number);
        (await L.Leader.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/decide", new { decision = "Archive", reason = "反映内容已在巡察中掌握，存档。", version = Version(letter) }))
            .EnsureSuccessStatusCode();
        var view = await (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.80"))).JsonAsync();
        view.GetProperty("isClosed").GetBoolean().ShouldBeTrue();
        // a question would wait for an answer that can no longer come: refused, and nothing written
        (await (await L.Member.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/messages", new { body = "还有补充吗？", question = true }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("已办结");
        view = await (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = receipt }, "192.0.2.80"))).JsonAsync();
        view.GetProperty("messages").GetArrayLength().ShouldBe(0);
        view.GetProperty("awaitingReporter").GetBoolean().ShouldBeFalse();
        // a note that wants no answer still may be left
        (await L.Member.PostAsJsonAsync($"/api/v1/letters/{Id(letter)}/messages", new { body = "感谢您的反映，此件已办结。", question = false })).EnsureSuccessStatusCode();
        await (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt/answer", new { code = receipt, body = "好的" }, "192.0.2.80")))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_unknown_pages_are_404()
    {
        var r = await app.Anonymous().SendAsync(Public(HttpMethod.Post, $"/api/v1/public/report/{app.Token}",
            new { anonymous = false, content = "", reporterPhone = "call me<script>" }, "198.51.100.30"));
        var p = await r.ProblemAsync(HttpStatusCode.BadRequest);
        p.FieldErrors("content").ShouldNotBeEmpty();
        p.FieldErrors("reporterName").ShouldNotBeEmpty();
        p.FieldErrors("reporterPhone").ShouldNotBeEmpty();
        (await app.Anonymous().GetAsync("/api/v1/public/report/not-a-real-token")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await app.Anonymous().SendAsync(Public(HttpMethod.Post, $"/api/v1/public/report/{app.Token}",
            new { anonymous = true, targetId = Guid.NewGuid(), content = "x" }, "198.51.100.30"));
        (await other.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("targetId").ShouldNotBeEmpty();
        var online = await L.Member.PostAsJsonAsync("/api/v1/letters", new { groupId = L.GroupId, channel = "Online", anonymous = true, content = "x", subjectUnit = "某处" });
        (await online.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("channel").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Letters_are_seen_by_their_group_and_the_office_only_and_decided_by_the_leader()
    {
        var (number, _) = await SubmitAsync("反映：资产处置程序问题");
        var letter = await LetterByNumberAsync(number);
        var id = Id(letter);
        (await L.Office.GetAsync($"/api/v1/letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.OtherMember.GetAsync($"/api/v1/letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var c in new[] { L.Leading, app.Discipline, app.Secretary, L.Units["CWC"], await app.ClientAsAsync(Role.SysAdmin), await app.ClientAsAsync(Role.AuditAdmin) })
        {
            (await c.GetAsync($"/api/v1/letters/{id}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
            (await c.GetAsync("/api/v1/letters")).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Forbidden);
            if ((await c.GetAsync("/api/v1/letters")).StatusCode == HttpStatusCode.OK)
                (await (await c.GetAsync("/api/v1/letters")).JsonAsync()).GetArrayLength().ShouldBe(0);
        }
        (await (await app.OtherMember.GetAsync("/api/v1/letters")).JsonAsync()).EnumerateArray().ShouldNotContain(x => x.GetProperty("id").GetGuid() == id);

        // a member may classify but not decide; a stale version is refused; the leader decides with a reason
        var decide = await L.Member.PostAsJsonAsync($"/api/v1/letters/{id}/decide", new { decision = "Archive", reason = "无具体内容", version = Version(letter) });
        decide.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await L.Member.PostAsJsonAsync($"/api/v1/letters/{id}/classify", new { assigneeId = L.MemberUserId, version = Version(letter) })).EnsureSuccessStatusCode();
        var stale = await L.Leader.PostAsJsonAsync($"/api/v1/letters/{id}/decide", new { decision = "Archive", reason = "无具体内容", version = Version(letter) });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        letter = await LetterByNumberAsync(number);
        (await (await L.Leader.PostAsJsonAsync($"/api/v1/letters/{id}/decide", new { decision = "Archive", reason = "", version = Version(letter) }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("reason").ShouldNotBeEmpty();
        var categories = await (await L.Member.GetAsync($"/api/v1/rounds/{L.RoundId}/categories")).JsonAsync();
        var toProblem = await L.Leader.PostAsJsonAsync($"/api/v1/letters/{id}/decide", new
        {
            decision = "ToProblem", reason = "反映属实，纳入问题底稿", version = Version(letter), problemTitle = "资产处置未履行报批程序",
            categoryId = categories[0].GetProperty("id").GetGuid(),
        });
        var done = await toProblem.JsonAsync();
        done.GetProperty("row").GetProperty("status").GetString().ShouldBe("Closed");
        var problemId = done.GetProperty("problemId").GetGuid();
        (await (await L.Member.GetAsync($"/api/v1/problems/{problemId}")).JsonAsync()).GetProperty("row").GetProperty("status").GetString().ShouldBe("Draft");
        // twice is refused
        (await L.Leader.PostAsJsonAsync($"/api/v1/letters/{id}/decide", new { decision = "Archive", reason = "再次", version = Version(done) }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Sealed_clues_open_only_for_the_discipline_secretary_and_the_office_director()
    {
        var cwcOrg = await app.OrgIdAsync("CWC");
        var created = await L.Member.PostAsJsonAsync("/api/v1/clues", new
        {
            roundId = L.RoundId, organizationId = cwcOrg, source = "Talk", level = "Confidential", topLeader = true,
            subjectName = "财务处负责人", subjectPost = "处长", summary = "反映其在招标中打招呼",
        });
        var clue = await created.JsonAsync(HttpStatusCode.Created);
        var id = clue.GetProperty("row").GetProperty("id").GetGuid();
        clue.GetProperty("row").GetProperty("isSealed").GetBoolean().ShouldBeTrue();
        clue.GetProperty("content").ValueKind.ShouldBe(JsonValueKind.Null); // the member who wrote it no longer opens it

        async Task<bool> OpensAsync(HttpClient c) => (await (await c.GetAsync($"/api/v1/clues/{id}")).JsonAsync()).GetProperty("content").ValueKind == JsonValueKind.Object;
        (await OpensAsync(L.Office)).ShouldBeFalse();
        (await OpensAsync(app.Director)).ShouldBeTrue();
        (await app.Discipline.GetAsync($"/api/v1/clues/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // not transferred yet
        (await (await L.Office.GetAsync("/api/v1/clues?search=" + Uri.EscapeDataString("招标"))).JsonAsync()).GetArrayLength().ShouldBe(0);
        (await (await app.Director.GetAsync("/api/v1/clues?search=" + Uri.EscapeDataString("招标"))).JsonAsync()).GetArrayLength().ShouldBe(1);

        var transfer = await (await L.Office.PostAsJsonAsync("/api/v1/clue-transfers", new { receiver = "Discipline", clueIds = new[] { id } })).JsonAsync(HttpStatusCode.Created);
        var tid = transfer.GetProperty("id").GetGuid();
        (await OpensAsync(app.Discipline)).ShouldBeFalse();
        (await OpensAsync(app.Secretary)).ShouldBeTrue();
        var list = await (await L.Office.GetAsync($"/api/v1/clue-transfers/{tid}/list.docx")).Content.ReadAsByteArrayAsync();
        DocxText(list).ShouldContain("密封");
        DocxText(list).ShouldNotContain("招标");

        (await app.Discipline.PostAsJsonAsync($"/api/v1/clue-transfers/{tid}/acknowledge", new { version = transfer.GetProperty("version").GetUInt32() })).EnsureSuccessStatusCode();
        var v = (await (await app.Secretary.GetAsync($"/api/v1/clues/{id}")).JsonAsync()).GetProperty("row").GetProperty("version").GetUInt32();
        (await app.Discipline.PostAsJsonAsync($"/api/v1/clues/{id}/dispose", new { disposal = "TalkOrLetter", form = "First", outcome = "谈话提醒", version = v }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Secretary.PostAsJsonAsync($"/api/v1/clues/{id}/dispose", new { disposal = "TalkOrLetter", form = "First", outcome = "谈话提醒", version = v }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // every opening, and every refused one, is in the audit trail
        var reads = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents
            .Where(e => e.ObjectType == "clues" && e.ObjectId == id.ToString()).Select(e => e.Outcome).ToListAsync());
        reads.ShouldContain("denied");
        reads.ShouldContain("success");
    }

    [Fact]
    public async Task Clues_go_in_a_batch_are_signed_for_disposed_by_form_and_counted_with_overdue_replies()
    {
        var zcc = await app.OrgIdAsync("ZCC");
        async Task<Guid> ClueAsync(string who) => (await (await L.Member.PostAsJsonAsync("/api/v1/clues", new
        {
            roundId = L.RoundId, organizationId = zcc, source = "Fieldwork", level = "Ordinary", subjectName = who, subjectPost = "科长",
            summary = $"{who}利用职务便利为亲属承揽工程",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("row").GetProperty("id").GetGuid();
        var a = await ClueAsync("周某");
        var b = await ClueAsync("吴某");
        var before = await (await L.Office.GetAsync($"/api/v1/clues/stats?roundId={L.RoundId}")).JsonAsync();

        (await L.Member.PostAsJsonAsync("/api/v1/clue-transfers", new { receiver = "Discipline", clueIds = new[] { a, b } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await L.Office.PostAsJsonAsync("/api/v1/clue-transfers", new { receiver = "Discipline", clueIds = Array.Empty<Guid>() }))
            .ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("clueIds").ShouldNotBeEmpty();
        var t = await (await L.Office.PostAsJsonAsync("/api/v1/clue-transfers", new { receiver = "Discipline", clueIds = new[] { a, b }, note = "第一批" })).JsonAsync(HttpStatusCode.Created);
        var tid = t.GetProperty("id").GetGuid();
        t.GetProperty("number").GetString()!.ShouldStartWith("移交〔");
        var again = await L.Office.PostAsJsonAsync("/api/v1/clue-transfers", new { receiver = "Organization", clueIds = new[] { a } });
        (await again.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("clueIds")[0].ShouldContain("已经移交");
        var doc = DocxText(await (await app.Discipline.GetAsync($"/api/v1/clue-transfers/{tid}/list.docx")).Content.ReadAsByteArrayAsync());
        doc.ShouldContain("周某");
        doc.ShouldContain("吴某");
        (await L.Office.PostAsJsonAsync($"/api/v1/clue-transfers/{tid}/acknowledge", new { version = t.GetProperty("version").GetUInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden); // the receiver signs, not the sender

        // signed for four months ago: the three-month reply is overdue
        var fourMonthsAgo = app.Today.AddMonths(-4);
        (await app.Discipline.PostAsJsonAsync($"/api/v1/clue-transfers/{tid}/acknowledge", new { date = fourMonthsAgo, version = t.GetProperty("version").GetUInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // not before the transfer
        (await app.Discipline.PostAsJsonAsync($"/api/v1/clue-transfers/{tid}/acknowledge", new { version = t.GetProperty("version").GetUInt32() })).EnsureSuccessStatusCode();
        await using (var conn = new NpgsqlConnection(app.Database.SuperUserConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE clues SET acknowledged_on = acknowledged_on - 120, reply_due = reply_due - 120 WHERE id = @a", conn);
            cmd.Parameters.AddWithValue("a", a);
            await cmd.ExecuteNonQueryAsync();
        }
        var clueB = await (await app.Discipline.GetAsync($"/api/v1/clues/{b}")).JsonAsync();
        DateOnly.Parse(clueB.GetProperty("row").GetProperty("replyDue").GetString()!).ShouldBe(app.Today.AddMonths(3));
        var bad = await app.Discipline.PostAsJsonAsync($"/api/v1/clues/{b}/dispose", new { disposal = "Shelved", form = "Second", version = clueB.GetProperty("row").GetProperty("version").GetUInt32() });
        (await bad.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("form").ShouldNotBeEmpty();
        (await app.Discipline.PostAsJsonAsync($"/api/v1/clues/{b}/dispose", new { disposal = "PreliminaryCheck", form = "Second", outcome = "给予党内警告处分", version = clueB.GetProperty("row").GetProperty("version").GetUInt32() }))
            .EnsureSuccessStatusCode();

        var stats = await (await L.Office.GetAsync($"/api/v1/clues/stats?roundId={L.RoundId}")).JsonAsync();
        stats.GetProperty("transferred").GetInt32().ShouldBe(before.GetProperty("transferred").GetInt32() + 2);
        stats.GetProperty("disposed").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        stats.GetProperty("byForm").GetProperty("Second").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        stats.GetProperty("overdue").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var overdue = await (await app.Discipline.GetAsync("/api/v1/clues?overdue=true")).JsonAsync();
        overdue.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ShouldContain(a);
        // the hourly reminders tell the receiver, once, by the clue's number only
        await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Notifications.DeadlineReminders>().RunAsync());
        await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Notifications.DeadlineReminders>().RunAsync());
        var notes = await (await app.Discipline.GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync();
        var number = overdue.EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == a).GetProperty("number").GetString()!;
        System.Text.RegularExpressions.Regex.Matches(notes, System.Text.RegularExpressions.Regex.Escape(number) + " 的处置情况已逾期").Count.ShouldBe(1);
        notes.ShouldNotContain("亲属承揽");
        // the unit, the leading group and the administrators see nothing
        foreach (var c in new[] { L.Units["ZCC"], L.Leading, await app.ClientAsAsync(Role.SecAdmin) })
        {
            (await c.GetAsync($"/api/v1/clues/{a}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
            (await c.GetAsync($"/api/v1/clue-transfers/{tid}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }
        (await app.OtherMember.GetAsync($"/api/v1/clues/{a}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // the reply period is the committee's policy: 3 months by default, 1–12 allowed
        var committee = await app.OrgIdAsync(Demo.DemoData.CommitteeCode);
        var policy = await (await L.Office.GetAsync($"/api/v1/deadline-policy/{committee}")).JsonAsync();
        policy.GetProperty("clueReplyMonths").GetInt32().ShouldBe(3);
        var tooLong = await L.Office.PutAsJsonAsync($"/api/v1/deadline-policy/{committee}", new
        {
            planDueWorkingDays = 15, reportDueMonths = 2, warningDays = 7, immediateFixDays = 30, maxDeadlineMonths = 12, clueReplyMonths = 13,
            version = policy.GetProperty("version").GetUInt32(),
        });
        (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("clueReplyMonths").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Tampering_is_detected_and_deleting_a_letter_shreds_its_key_and_files()
    {
        var (n1, receipt) = await SubmitAsync("反映一：会议费问题");
        var (n2, _) = await SubmitAsync("反映二：车辆使用问题");
        var l1 = Id(await LetterByNumberAsync(n1));
        var l2 = Id(await LetterByNumberAsync(n2));
        await using var conn = new NpgsqlConnection(app.Database.SuperUserConnectionString);
        await conn.OpenAsync();
        async Task ExecAsync(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("a", l1);
            cmd.Parameters.AddWithValue("b", l2);
            await cmd.ExecuteNonQueryAsync();
        }
        // a database administrator copies one letter's ciphertext over another's
        await ExecAsync("UPDATE letters SET content = (SELECT content FROM letters WHERE id = @b) WHERE id = @a");
        var r = await L.Member.GetAsync($"/api/v1/letters/{l1}");
        var p = await r.ProblemAsync(HttpStatusCode.InternalServerError);
        p.GetProperty("type").GetString().ShouldBe("/problems/tampered");
        p.GetProperty("detail").GetString()!.ShouldContain("完整性");
        // or flips one byte of a wrapped key
        await ExecAsync("UPDATE record_keys SET wrapped = overlay(wrapped placing '\\x00'::bytea from 20 for 1) WHERE record_id = @b");
        (await L.Member.GetAsync($"/api/v1/letters/{l2}")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        var (n3, r3) = await SubmitAsync("反映三：拟删除的重复件");
        var l3 = Id(await LetterByNumberAsync(n3));
        (await L.Member.DeleteAsync($"/api/v1/letters/{l3}?reason=重复")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await L.Office.DeleteAsync($"/api/v1/letters/{l3}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await L.Office.DeleteAsync($"/api/v1/letters/{l3}?reason={Uri.EscapeDataString("与第一件重复")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM record_keys WHERE record_id = @c", conn))
        {
            cmd.Parameters.AddWithValue("c", l3);
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
        }
        (await app.Anonymous().SendAsync(Public(HttpMethod.Post, "/api/v1/public/receipt", new { code = r3 }, "192.0.2.90"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var shred = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents
            .AnyAsync(e => e.Action == "shred" && e.ObjectId == l3.ToString()));
        shred.ShouldBeTrue();
        _ = receipt;
    }

    [Fact]
    public async Task Pages_answer_by_role_and_the_public_page_needs_no_account()
    {
        var (number, _) = await SubmitAsync("页面矩阵用的反映");
        var id = Id(await LetterByNumberAsync(number));
        var member = await L.WebAsync("member");
        (await member.GetAsync("/letters")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetAsync($"/letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetAsync("/clues")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetAsync("/letters/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var unit = await L.WebAsync("unitCWC");
        foreach (var url in new[] { "/letters", $"/letters/{id}", "/letters/new", "/clues", "/clues/new", "/clues/transfers", "/talks", $"/targets/{L.Targets["CWC"]}/talks" })
            (await unit.GetAsync(url)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect);
        var leading = await L.WebAsync("leading");
        (await leading.GetAsync($"/letters/{id}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await member.GetAsync("/talks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetAsync($"/targets/{L.Targets["CWC"]}/talks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetAsync($"/talks/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await member.GetAsync($"/clues/transfers/{Guid.NewGuid()}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);

        var visitor = new WebSession(app);
        var page = await visitor.GetAsync($"/report/{app.Token}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("网上举报");
        (await visitor.GetAsync("/report/status")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/report/unknown-token")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var posted = await visitor.PostFormAsync($"/report/{app.Token}", new()
        {
            ["Input.TargetId"] = L.Targets["ZCC"].ToString(), ["Input.Named"] = "false", ["Input.Content"] = "表单提交的反映：资产处置问题",
        }, tokenFrom: $"/report/{app.Token}");
        var html = await posted.Content.ReadAsStringAsync();
        html.ShouldContain("receipt-code");
        var empty = await visitor.PostFormAsync($"/report/{app.Token}", new() { ["Input.Named"] = "true" }, tokenFrom: $"/report/{app.Token}");
        (await empty.Content.ReadAsStringAsync()).ShouldContain("必填");
    }

    [Fact]
    public async Task Talks_come_from_the_roster_need_two_interviewers_are_sealed_and_stay_in_the_group()
    {
        var target = L.Targets["MKS"];
        async Task LeaderAsync(string name, string post, string category, DateOnly? retired = null) =>
            (await L.Member.PostAsJsonAsync($"/api/v1/targets/{target}/leaders", new { name, post, category, retiredOn = retired })).EnsureSuccessStatusCode();
        await LeaderAsync("马书记", "党委书记", "Leadership");
        await LeaderAsync("牛院长", "院长", "Leadership");
        await LeaderAsync("杨委员", "纪检委员", "DisciplineHead");
        await LeaderAsync("朱委员", "组织委员", "OrganizationHead");
        var today = app.Today;
        await LeaderAsync("老院长", "院长", "Leadership", today.AddYears(-2));
        await LeaderAsync("更老的院长", "院长", "Leadership", today.AddYears(-5));
        var bad = await L.Member.PostAsJsonAsync($"/api/v1/targets/{target}/leaders", new { name = "某", post = "某", category = "Retired" });
        (await bad.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("category").ShouldNotBeEmpty();

        var added = await (await L.Member.PostAsync($"/api/v1/targets/{target}/talks/default", null)).JsonAsync();
        added.GetProperty("added").GetInt32().ShouldBe(5); // four serving, one retired two years ago; not the one five years ago
        (await (await L.Member.PostAsync($"/api/v1/targets/{target}/talks/default", null)).JsonAsync()).GetProperty("added").GetInt32().ShouldBe(0);
        var list = await (await L.Member.GetAsync($"/api/v1/targets/{target}/talks")).JsonAsync();
        var talks = list.GetProperty("talks").EnumerateArray().ToList();
        talks.Select(t => t.GetProperty("name").GetString()).ShouldNotContain("更老的院长");
        talks.Single(t => t.GetProperty("name").GetString() == "老院长").GetProperty("category").GetString().ShouldBe("Retired");

        var talk = talks.Single(t => t.GetProperty("name").GetString() == "马书记");
        var id = talk.GetProperty("id").GetGuid();
        var version = talk.GetProperty("version").GetUInt32();
        const string marker = "TALK-MARKER-q93";
        var one = await L.Member.PostAsJsonAsync($"/api/v1/talks/{id}/record", new { interviewers = new[] { L.MemberMemberId }, content = marker, version });
        (await one.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("interviewers").ShouldNotBeEmpty();
        var stranger = await L.Member.PostAsJsonAsync($"/api/v1/talks/{id}/record", new { interviewers = new[] { L.MemberMemberId, Guid.NewGuid() }, content = marker, version });
        (await stranger.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("interviewers").ShouldNotBeEmpty();
        var ok = await (await L.Member.PostAsJsonAsync($"/api/v1/talks/{id}/record", new
        {
            interviewers = new[] { L.MemberMemberId, L.Extras[0] }, place = "学院会议室", content = $"谈到班子议事规则执行情况。{marker}", confirmed = true,
            confirmationNote = "本人逐页签字", version,
        })).JsonAsync();
        ok.GetProperty("content").GetProperty("content").GetString()!.ShouldContain(marker);
        ok.GetProperty("row").GetProperty("interviewers").GetArrayLength().ShouldBe(2);
        // confirmed: no more changes
        (await L.Member.PostAsJsonAsync($"/api/v1/talks/{id}/record", new
        {
            interviewers = new[] { L.MemberMemberId, L.Extras[0] }, content = "改动", version = ok.GetProperty("row").GetProperty("version").GetUInt32(),
        })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await TablesContainingAsync(marker)).ShouldBeEmpty();

        // the group and the office; not another group, the discipline commission, the unit or the leading group
        (await L.Office.GetAsync($"/api/v1/talks/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.OtherMember.GetAsync($"/api/v1/talks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.OtherMember.GetAsync($"/api/v1/targets/{target}/talks")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var c in new[] { app.Discipline, L.Units["MKS"], L.Leading })
            (await c.GetAsync($"/api/v1/talks/{id}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        // the office reads but does not write
        (await L.Office.PostAsync($"/api/v1/targets/{target}/talks/default", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var cancelThis = talks.Single(t => t.GetProperty("name").GetString() == "牛院长");
        (await L.Member.PostAsJsonAsync($"/api/v1/talks/{cancelThis.GetProperty("id").GetGuid()}/cancel", new { reason = "", version = cancelThis.GetProperty("version").GetUInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await L.Member.PostAsJsonAsync($"/api/v1/talks/{cancelThis.GetProperty("id").GetGuid()}/cancel", new { reason = "出差在外，改为书面征求意见", version = cancelThis.GetProperty("version").GetUInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_entry_announcement_prints_the_groups_link_and_QR_code()
    {
        var r = await L.Member.GetAsync($"/api/v1/documents/entry-announcement/{L.GroupId}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var bytes = await r.Content.ReadAsByteArrayAsync();
        OfficeChecks.AssertValid(bytes, "进驻公告.docx");
        DocxText(bytes).ShouldContain("/report/" + app.Token);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false))
            doc.MainDocumentPart!.ImageParts.Count().ShouldBe(1);
        (await L.Units["CWC"].GetAsync($"/api/v1/documents/entry-announcement/{L.GroupId}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await app.OtherMember.GetAsync($"/api/v1/documents/entry-announcement/{L.GroupId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_the_entry_announcement_never_writes_and_links_to_the_configured_address_whatever_the_host()
    {
        var settings = app.Services.GetRequiredService<XunchaSettings>();
        var before = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Data.XunchaDbContext>().AuditEvents.CountAsync(e => e.ObjectType == "inspection_groups"));
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/entry-announcement/{L.GroupId}");
            request.Headers.Host = i % 2 == 0 ? "127.0.0.1" : "localhost";
            var r = await L.Member.SendAsync(request);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            return DocxText(await r.Content.ReadAsByteArrayAsync());
        }));
        answers.ShouldAllBe(text => text.Contains(settings.PublicUrl + "/report/" + app.Token));
        (await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<Data.XunchaDbContext>().AuditEvents.CountAsync(e => e.ObjectType == "inspection_groups")))
            .ShouldBe(before);
        var link = await (await L.Member.GetAsync($"/api/v1/groups/{L.GroupId}/report-link")).JsonAsync();
        link.GetProperty("url").GetString().ShouldBe(settings.PublicUrl + "/report/" + app.Token);
    }

    private static string DocxText(byte[] docx)
    {
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document.Body!.InnerText;
    }
}
