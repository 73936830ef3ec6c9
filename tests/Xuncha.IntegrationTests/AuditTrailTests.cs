using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Accounts;
using Xuncha.Audit;
using Xuncha.Data;

namespace Xuncha.IntegrationTests;

public class AuditTrailTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Sign_ins_failures_lockouts_and_password_events_are_recorded_with_the_client_address()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office, mustChange: true);
        var client = app.Anonymous();
        await client.LoginAsync(name, password);                                   // denied: change required
        await client.PostAsJsonAsync("/api/v1/auth/change-password", new { userName = name, currentPassword = password, newPassword = "Audit-Trail-2026" });
        await client.LoginAsync(name, "Audit-Trail-2026");                          // success
        await client.LoginAsync("no-such-user", "Whatever-2026");                   // unknown user
        for (var i = 0; i < 5; i++) await client.LoginAsync(name, "Wrong-Password-1"); // failures, then lockout
        var id = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().FindIdAsync(name));
        await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().UnlockAsync(id));
        await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().ResetPasswordAsync(id));

        var events = await EventsAsync(e => e.UserName == name || e.UserName == "no-such-user");
        events.ShouldContain(e => e.Action == AuditAction.SignIn && e.Outcome == AuditOutcome.Denied);
        events.ShouldContain(e => e.Action == AuditAction.PasswordChange && e.Outcome == AuditOutcome.Success && e.UserId == id);
        events.ShouldContain(e => e.Action == AuditAction.SignIn && e.Outcome == AuditOutcome.Success && e.UserId == id);
        events.ShouldContain(e => e.Action == AuditAction.SignInFailed && e.UserName == "no-such-user" && e.UserId == null);
        events.Count(e => e.Action == AuditAction.SignInFailed && e.UserId == id).ShouldBe(5);
        events.ShouldContain(e => e.Action == AuditAction.Lockout && e.ObjectId == id.ToString());
        (await EventsAsync(e => e.Action == AuditAction.Unlock && e.ObjectId == id.ToString())).ShouldHaveSingleItem().UserName.ShouldBe("cli:test");
        (await EventsAsync(e => e.Action == AuditAction.PasswordReset && e.ObjectId == id.ToString())).ShouldHaveSingleItem();
        events.Where(e => e.Action is AuditAction.SignIn or AuditAction.SignInFailed).ShouldAllBe(e => e.ClientAddress != null);

        // the password hash never appears, only that it changed
        var changes = await EventsAsync(e => e.ObjectType == "users" && e.ObjectId == id.ToString() && e.Action == AuditAction.Update);
        changes.ShouldNotBeEmpty();
        changes.Where(e => e.Detail!.Contains("PasswordHash")).ShouldAllBe(e => e.Detail!.Contains("***") && !e.Detail.Contains("AQAAAA"));
    }

    [Fact]
    public async Task Record_changes_carry_old_and_new_values_and_who_made_them()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var cwc = await (await office.GetAsync($"/api/v1/organizations/{await app.OrgIdAsync("CWC")}")).JsonAsync();
        var body = new
        {
            code = "CWC", name = "财务处党总支", type = "GeneralBranch", parentId = cwc.GetProperty("parentId").GetGuid(),
            secretary = "新书记", sortOrder = cwc.GetProperty("sortOrder").GetInt32(), version = cwc.GetProperty("version").GetUInt32(),
        };
        (await office.PutAsJsonAsync($"/api/v1/organizations/{cwc.GetProperty("id").GetGuid()}", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var update = (await EventsAsync(e => e.ObjectType == "organizations" && e.ObjectId == cwc.GetProperty("id").GetGuid().ToString() && e.Action == AuditAction.Update)).Last();
        update.Detail.ShouldBe("{\"Secretary\":[\"郑永生\",\"新书记\"]}");
        update.UserName.ShouldStartWith("office");
        update.ClientAddress.ShouldNotBeNull();

        var created = await (await office.PostAsJsonAsync("/api/v1/organizations", new { code = "AUD1", name = "审计测试党支部", type = "Branch", parentId = await app.OrgIdAsync("MKS") }))
            .JsonAsync(HttpStatusCode.Created);
        var create = (await EventsAsync(e => e.ObjectId == created.GetProperty("id").GetGuid().ToString() && e.Action == AuditAction.Create)).ShouldHaveSingleItem();
        create.Detail!.ShouldContain("\"Name\":\"审计测试党支部\"");
    }

    [Fact]
    public async Task Exports_imports_and_role_changes_are_recorded()
    {
        var office = await app.ClientAsAsync(Role.Office);
        (await office.GetAsync("/api/v1/organizations/export")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventsAsync(e => e.Action == AuditAction.Export && e.ObjectType == "organizations")).ShouldNotBeEmpty();

        using var form = new MultipartFormDataContent { { new ByteArrayContent("名称,类型,编码,上级\n审计导入党支部,党支部,AUDIMP,MKS\n"u8.ToArray()), "file", "a.csv" } };
        (await office.PostAsync("/api/v1/organizations/import", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventsAsync(e => e.Action == AuditAction.Import)).ShouldNotBeEmpty();

        var sec = await app.ClientAsAsync(Role.SecAdmin);
        var (name, _) = await app.CreateUserAsync(null);
        var id = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AccountService>().FindIdAsync(name));
        var version = (await (await sec.GetAsync($"/api/v1/accounts/{id}")).JsonAsync()).GetProperty("version").GetString();
        (await sec.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new { roles = new[] { "discipline" }, version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventsAsync(e => e.ObjectType == "user_roles" && e.ObjectId!.StartsWith(id.ToString()) && e.Action == AuditAction.Create)).ShouldHaveSingleItem();

        var aud = await app.ClientAsAsync(Role.AuditAdmin);
        var audit = await aud.GetAsync("/api/v1/audit/export?action=export");
        audit.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await EventsAsync(e => e.Action == AuditAction.Export && e.ObjectType == "audit_events")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_auditor_searches_newest_first_and_pages_back()
    {
        var aud = await app.ClientAsAsync(Role.AuditAdmin);
        var first = await (await aud.GetAsync("/api/v1/audit?pageSize=5")).JsonAsync();
        var items = first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        items.Count.ShouldBe(5);
        items.ShouldBeInOrder(SortDirection.Descending);
        var next = first.GetProperty("nextBefore").GetInt64();
        var second = await (await aud.GetAsync($"/api/v1/audit?pageSize=5&before={next}")).JsonAsync();
        second.GetProperty("items").EnumerateArray().First().GetProperty("seq").GetInt64().ShouldBeLessThan(items.Last());
        var filtered = await (await aud.GetAsync("/api/v1/audit?action=create&objectType=organizations&pageSize=500")).JsonAsync();
        filtered.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("action").GetString() == "create");
    }

    private Task<List<AuditEvent>> EventsAsync(System.Linq.Expressions.Expression<Func<AuditEvent, bool>> where) =>
        app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents.AsNoTracking().Where(where).OrderBy(e => e.Seq).ToListAsync());
}

/// <summary>`xuncha audit verify` on a trail someone tampered with (each on its own database).</summary>
public class AuditVerifyTests
{
    [Fact]
    public async Task An_intact_trail_verifies()
    {
        await using var scope = await DemoScope.StartAsync();
        var result = await scope.VerifyAsync();
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("审计记录完整");
    }

    [Fact]
    public async Task An_edited_row_is_named()
    {
        await using var scope = await DemoScope.StartAsync();
        await scope.TamperAsync("UPDATE audit_events SET detail = '{\"Name\":\"改过\"}' WHERE seq = 7");
        var result = await scope.VerifyAsync();
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("第 7 条审计记录被修改");
    }

    [Fact]
    public async Task A_deleted_row_is_named()
    {
        await using var scope = await DemoScope.StartAsync();
        await scope.TamperAsync("DELETE FROM audit_events WHERE seq = 12");
        var result = await scope.VerifyAsync();
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("第 12 条审计记录缺失");
    }

    [Fact]
    public async Task A_row_inserted_in_the_middle_is_named()
    {
        await using var scope = await DemoScope.StartAsync();
        // shift rows 20… up by one and forge row 20, copying its predecessor's hash as a careful forger would
        await scope.TamperAsync("""
            UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= 20;
            UPDATE audit_events SET seq = seq - 1000000 + 1 WHERE seq >= 1000000;
            INSERT INTO audit_events (seq, at, user_id, user_name, action, object_type, object_id, outcome, client_address, detail, prev_hash, hash)
            SELECT 20, at, user_id, 'ghost', 'delete', 'organizations', object_id, 'success', null, null, hash,
                   encode(sha256(convert_to(hash || 'ghost', 'UTF8')), 'hex')
            FROM audit_events WHERE seq = 19;
            """);
        var result = await scope.VerifyAsync();
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("第 20 条审计记录是事后插入的");
    }

    [Fact]
    public async Task A_row_appended_without_the_key_is_named()
    {
        await using var scope = await DemoScope.StartAsync();
        await scope.TamperAsync("""
            INSERT INTO audit_events (seq, at, user_id, user_name, action, object_type, object_id, outcome, client_address, detail, prev_hash, hash)
            SELECT seq + 1, at, null, 'ghost', 'delete', 'users', null, 'success', null, null, hash,
                   encode(sha256(convert_to(hash || 'ghost', 'UTF8')), 'hex')
            FROM audit_events ORDER BY seq DESC LIMIT 1;
            """);
        var last = await scope.App.Database.ScalarAsSuperuserAsync<long>("SELECT max(seq) FROM audit_events");
        var result = await scope.VerifyAsync();
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"第 {last} 条审计记录");
    }

    [Fact]
    public async Task The_auditor_can_verify_from_the_api()
    {
        await using var scope = await DemoScope.StartAsync();
        var aud = await scope.App.ClientAsAsync(Role.AuditAdmin);
        var ok = await (await aud.PostAsync("/api/v1/audit/verify", null)).JsonAsync();
        ok.GetProperty("intact").GetBoolean().ShouldBeTrue();
        await scope.TamperAsync("UPDATE audit_events SET user_name = 'someone-else' WHERE seq = 3");
        var broken = await (await aud.PostAsync("/api/v1/audit/verify", null)).JsonAsync();
        broken.GetProperty("intact").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBadSeq").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task Cutting_the_newest_rows_is_named()
    {
        await using var scope = await DemoScope.StartAsync();
        var last = await scope.App.Database.ScalarAsSuperuserAsync<long>("SELECT max(seq) FROM audit_events");
        await scope.TamperAsync($"DELETE FROM audit_events WHERE seq > {last - 3}");
        var result = await scope.VerifyAsync();
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"第 {last - 2}–{last} 条审计记录缺失：日志末尾被截断");
        // and the next append does not paper over the cut: it continues after the head
        await scope.App.CreateUserAsync(Role.Office);
        (await scope.VerifyAsync()).Error.ShouldContain($"第 {last - 2}–{last} 条审计记录缺失");
    }

    [Fact]
    public async Task Emptying_the_trail_or_removing_its_head_is_named()
    {
        await using (var scope = await DemoScope.StartAsync())
        {
            var last = await scope.App.Database.ScalarAsSuperuserAsync<long>("SELECT max(seq) FROM audit_events");
            await scope.TamperAsync("TRUNCATE audit_events");
            var result = await scope.VerifyAsync();
            result.ExitCode.ShouldBe(1);
            result.Error.ShouldContain($"第 1–{last} 条审计记录缺失：日志末尾被截断");
        }
        await using (var scope = await DemoScope.StartAsync())
        {
            await scope.TamperAsync("DELETE FROM audit_head");
            var result = await scope.VerifyAsync();
            result.ExitCode.ShouldBe(1);
            result.Error.ShouldContain("链头记录（audit_head）不见了");
            // with no head nothing can be audited, so nothing is saved
            (await Should.ThrowAsync<AuditUnavailableException>(() => scope.App.CreateUserAsync(Role.Office))).Message.ShouldContain("本次操作未保存");
        }
    }

    [Fact]
    public async Task A_rollback_of_rows_and_head_together_fails_against_a_checkpoint_taken_later()
    {
        await using var scope = await DemoScope.StartAsync();
        var db = scope.App.Database;
        var old = await db.ScalarAsSuperuserAsync<string>("SELECT seq || ',' || hash || ',' || mac FROM audit_head");
        var oldSeq = long.Parse(old!.Split(',')[0]);
        await scope.App.CreateUserAsync(Role.Office); // more happens after the copy someone keeps
        var file = Path.Combine(scope.App.DataDirectory, "checkpoint.json");
        var made = await CliRunner.RunAsync(db, scope.App.DataDirectory, null, "audit", "checkpoint", "-o", file);
        made.ExitCode.ShouldBe(0, made.Error);
        var checkpointSeq = await db.ScalarAsSuperuserAsync<long>("SELECT seq - 1 FROM audit_head"); // the checkpoint's own event came after it
        made.Out.ShouldContain($"到第 {checkpointSeq} 条");

        // restore the old copy: rows after it gone, head set back (with its genuine seal)
        var parts = old.Split(',');
        await scope.TamperAsync($"DELETE FROM audit_events WHERE seq > {oldSeq}; UPDATE audit_head SET seq = {parts[0]}, hash = '{parts[1]}', mac = '{parts[2]}'");
        // the trail alone looks whole: that is what checkpoints are for
        (await scope.VerifyAsync()).ExitCode.ShouldBe(0);
        var end = await db.ScalarAsSuperuserAsync<long>("SELECT max(seq) FROM audit_events"); // the verification above added its own row
        var result = await CliRunner.RunAsync(db, scope.App.DataDirectory, null, "audit", "verify", "--checkpoint", file);
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"审计日志被回退");
        result.Error.ShouldContain($"记录到第 {checkpointSeq} 条，现在从第 {end + 1} 条起缺失");

        // an edited checkpoint is refused, not believed
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace($"\"seq\": {checkpointSeq}", $"\"seq\": {oldSeq}"));
        var forged = await CliRunner.RunAsync(db, scope.App.DataDirectory, null, "audit", "verify", "--checkpoint", file);
        forged.ExitCode.ShouldBe(1);
        forged.Error.ShouldContain("检查点文件被修改过");
    }

    [Fact]
    public async Task The_application_role_cannot_move_the_head_back_or_remove_it()
    {
        await using var scope = await DemoScope.StartAsync();
        await using var conn = new Npgsql.NpgsqlConnection(scope.App.Database.AppConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_head SET seq = 0", "DELETE FROM audit_head", "UPDATE audit_head SET mac = NULL", "TRUNCATE audit_head" })
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
            (await Should.ThrowAsync<Npgsql.PostgresException>(() => cmd.ExecuteNonQueryAsync())).SqlState.ShouldBe("42501", sql);
        }
    }

    [Fact]
    public async Task The_auditor_downloads_a_checkpoint_and_verifies_against_it_on_the_api_and_the_page()
    {
        await using var scope = await DemoScope.StartAsync();
        var aud = await scope.App.ClientAsAsync(Role.AuditAdmin);
        var download = await aud.GetAsync("/api/v1/audit/checkpoint");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("审计检查点");
        var json = await download.Content.ReadAsStringAsync();
        var ok = await (await aud.PostAsync("/api/v1/audit/verify", new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).JsonAsync();
        ok.GetProperty("intact").GetBoolean().ShouldBeTrue();
        ok.GetProperty("message").GetString()!.ShouldContain("的检查点");
        var forged = json.Replace("\"by\": \"", "\"by\": \"x");
        (await (await aud.PostAsync("/api/v1/audit/verify", new StringContent(forged, System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("checkpoint").ShouldBe(["检查点文件被修改过，或不是本系统签发的（签名不符）。"]);
        foreach (var role in new[] { Role.SysAdmin, Role.SecAdmin, Role.Office })
            (await (await scope.App.ClientAsAsync(role)).GetAsync("/api/v1/audit/checkpoint")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (name, password) = await scope.App.CreateUserAsync(Role.AuditAdmin);
        var web = new WebSession(scope.App);
        await web.SignInAsync(name, password);
        var page = await web.GetAsync("/audit?handler=Checkpoint");
        page.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var checkedPage = await (await web.PostFileAsync("/audit?handler=Verify", "/audit", [], "checkpoint", "checkpoint.json",
            await page.Content.ReadAsByteArrayAsync())).Content.ReadAsStringAsync();
        checkedPage.ShouldContain("审计记录完整");
        checkedPage.ShouldContain("的检查点");
        var refused = await (await web.PostFileAsync("/audit?handler=Verify", "/audit", [], "checkpoint", "checkpoint.json", "not json"u8.ToArray()))
            .Content.ReadAsStringAsync();
        refused.ShouldContain("这不是审计检查点文件");
    }

    private sealed class DemoScope : IAsyncDisposable
    {
        public XunchaApp App { get; } = new();

        public static async Task<DemoScope> StartAsync()
        {
            var scope = new DemoScope();
            await scope.App.InitializeAsync();
            await scope.App.LoadDemoAsync();
            return scope;
        }

        /// <summary>What a database administrator with the owner's rights could do: get round the trigger and rewrite rows.</summary>
        public Task TamperAsync(string sql) =>
            App.Database.ExecAsSuperuserAsync($"SET session_replication_role = replica; {sql}; SET session_replication_role = origin;");

        public Task<CliResult> VerifyAsync() => CliRunner.RunAsync(App.Database, App.DataDirectory, null, "audit", "verify");

        public async ValueTask DisposeAsync() => await ((IAsyncLifetime)App).DisposeAsync();
    }
}
