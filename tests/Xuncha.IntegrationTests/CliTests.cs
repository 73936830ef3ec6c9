namespace Xuncha.IntegrationTests;

/// <summary>The `xuncha` tool, run as a real process against a test database.</summary>
public class CliTests(XunchaApp app) : IClassFixture<XunchaApp>
{
    private Task<CliResult> Run(string? stdin, params string[] args) => CliRunner.RunAsync(app.Database, app.DataDirectory, stdin, args);

    [Fact]
    public async Task Db_status_and_migrate_report_the_schema()
    {
        var status = await Run(null, "db", "status");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldContain("0001  foundation");
        status.Out.ShouldContain("数据库已是最新");
        var migrate = await Run(null, "db", "migrate");
        migrate.ExitCode.ShouldBe(0, migrate.Error);
        migrate.Out.ShouldContain("数据库已是最新");
    }

    [Fact]
    public async Task User_add_reads_the_password_from_stdin_and_requires_a_change_at_first_sign_in()
    {
        var add = await Run("Stdin-Password-2026", "user", "add", "clitest", "--role", "office", "--display-name", "命令行测试", "--password-stdin");
        add.ExitCode.ShouldBe(0, add.Error);
        add.Out.ShouldContain("已创建账号 clitest（巡察办）");
        add.Out.ShouldNotContain("Stdin-Password-2026");
        var login = await app.Anonymous().LoginAsync("clitest", "Stdin-Password-2026");
        (await login.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("type").GetString()!.ShouldEndWith("password-change-required");

        var list = await Run(null, "user", "list");
        list.Out.ShouldContain("clitest");
        list.Out.ShouldContain("待改密码");
    }

    [Fact]
    public async Task User_sessions_lists_them_and_sign_out_ends_them_at_once()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = await app.ClientForAsync(name, password);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        var list = await Run(null, "user", "sessions", name);
        list.ExitCode.ShouldBe(0, list.Error);
        list.Out.ShouldContain("网页");
        list.Out.ShouldContain("接口");
        list.Out.Split('\n').Count(l => l.Contains("在线")).ShouldBe(2);

        var apiSession = list.Out.Split('\n').Single(l => l.Contains("接口"))[..36];
        var one = await Run(null, "user", "sign-out", name, "--session", apiSession);
        one.Out.ShouldContain("已结束 1 个会话");
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await web.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Run(null, "user", "sign-out", name)).Out.ShouldContain("已结束 1 个会话");
        (await web.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Run(null, "user", "sessions", name)).Out.ShouldContain("已强制下线");
        (await Run(null, "user", "sign-out", "ghost")).Error.ShouldContain("没有用户名为“ghost”的账号");
        (await Run(null, "user", "sign-out", name, "--session", Guid.NewGuid().ToString())).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task User_add_refuses_bad_input_clearly()
    {
        (await Run("Stdin-Password-2026", "user", "add", "x1", "--role", "boss", "--password-stdin")).Error.ShouldContain("未知角色：boss");
        (await Run("short", "user", "add", "x2", "--role", "office", "--password-stdin")).Error.ShouldContain("密码至少 10 个字符");
        (await Run("Stdin-Password-2026", "user", "add", "x3", "--role", "unit", "--org", "NOPE", "--password-stdin")).Error.ShouldContain("没有编码为“NOPE”的组织");
        (await Run("Stdin-Password-2026", "user", "add", "x4", "--role", "unit", "--password-stdin")).Error.ShouldContain("须指定所在组织");
        (await Run("", "user", "add", "x5", "--role", "office", "--password-stdin")).Error.ShouldContain("标准输入中没有密码");
        var dup = await Run("Stdin-Password-2026", "user", "add", "dupuser", "--role", "office", "--password-stdin");
        dup.ExitCode.ShouldBe(0, dup.Error);
        var again = await Run("Stdin-Password-2026", "user", "add", "dupuser", "--role", "office", "--password-stdin");
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("已被使用");
        (await Run(null, "user", "unlock", "ghost")).Error.ShouldContain("没有用户名为“ghost”的账号");
    }

    [Fact]
    public async Task Reset_password_prints_a_new_one_time_password_and_unlock_ends_a_lockout()
    {
        var (name, _) = await app.CreateUserAsync(Xuncha.Common.Role.Office);
        for (var i = 0; i < 5; i++) await app.Anonymous().LoginAsync(name, "Wrong-Password-1");
        (await Run(null, "user", "list")).Out.ShouldContain("锁定至");
        var unlock = await Run(null, "user", "unlock", name);
        unlock.ExitCode.ShouldBe(0, unlock.Error);

        var reset = await Run(null, "user", "reset-password", name);
        reset.ExitCode.ShouldBe(0, reset.Error);
        var otp = reset.Out.Split('\n')[0].Split('：')[1].Trim();
        otp.Length.ShouldBe(14);
        (await app.Anonymous().LoginAsync(name, otp)).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // must change it first
    }

    [Fact]
    public async Task Demo_load_fills_an_empty_database_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        Task<CliResult> Run(string? stdin, params string[] args) => CliRunner.RunAsync(db, app.DataDirectory, stdin, args);
        var load = await Run(null, "demo", "load");
        load.ExitCode.ShouldBe(0, load.Error);
        load.Out.ShouldContain("sysadmin");
        load.Out.ShouldContain("wangxiao");
        load.Out.ShouldContain("2019年第一轮校内巡察");

        // the story was played on today's real clock, whatever day that is
        var rounds = await Run(null, "round", "list");
        rounds.ExitCode.ShouldBe(0, rounds.Error);
        rounds.Out.ShouldContain("2019年第一轮校内巡察");
        rounds.Out.ShouldContain("已完成");
        rounds.Out.ShouldContain("整改中");
        rounds.Out.ShouldContain("共 4 轮。");
        var ledgerFile = Path.Combine(app.DataDirectory, "ledger-" + Guid.NewGuid().ToString("N")[..6] + ".xlsx");
        var ledger = await Run(null, "ledger", "export", "-o", ledgerFile, "--round", "2019年第一轮");
        ledger.ExitCode.ShouldBe(0, ledger.Error);
        ledger.Out.ShouldContain("已导出 46 项");
        ledger.Out.ShouldContain("完成率 100");
        File.Exists(ledgerFile).ShouldBeTrue();
        var overdue = await Run(null, "ledger", "export", "-o", ledgerFile, "--overdue", "--unit", "CWC");
        overdue.ExitCode.ShouldBe(0, overdue.Error);
        overdue.Out.ShouldContain("已导出 1 项");
        (await Run(null, "ledger", "export", "-o", ledgerFile, "--round", "巡察")).Error.ShouldContain("对应多个轮次");
        (await Run(null, "ledger", "export", "-o", ledgerFile, "--unit", "NOPE")).Error.ShouldContain("没有编码为「NOPE」的组织");
        (await Run(null, "audit", "verify")).ExitCode.ShouldBe(0);

        // the talent pool: list, statistics, export, an import that refuses what is already there, one that takes two new people
        var pool = await Run(null, "pool", "list");
        pool.ExitCode.ShouldBe(0, pool.Error);
        pool.Out.ShouldContain("赵建军");
        pool.Out.ShouldContain("共 71 人。");
        (await Run(null, "pool", "stats")).Out.ShouldContain("组长库");
        (await Run(null, "pool", "list", "--status", "申请中")).Out.ShouldContain("共 2 人。");
        (await Run(null, "pool", "list", "--status", "胡说")).Error.ShouldContain("没有“胡说”这种状态");
        var poolFile = Path.Combine(app.DataDirectory, "pool-" + Guid.NewGuid().ToString("N")[..6] + ".xlsx");
        var exported = await Run(null, "pool", "export", "-o", poolFile);
        exported.Out.ShouldContain("已导出 71 人");
        var again2 = await Run(null, "pool", "import", poolFile, "--dry-run");
        again2.ExitCode.ShouldBe(1);
        again2.Error.ShouldContain("已在人才库中");
        var csv = Path.Combine(app.DataDirectory, "pool-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        await File.WriteAllTextAsync(csv, "姓名,所在单位,职级,专业,组长库,专兼职\n新人甲,WGY,正科,财务、审计,否,兼职\n新人乙,化学化工学院党委,副处,党建,是,专职\n");
        (await Run(null, "pool", "import", csv, "--dry-run")).Out.ShouldContain("检查通过：2 人可以导入。");
        (await Run(null, "pool", "import", csv)).Out.ShouldContain("已导入 2 人。");
        await File.WriteAllTextAsync(csv, "姓名,所在单位,职级,专业\n坏人,不存在的单位,大官,炼丹\n");
        var badImport = await Run(null, "pool", "import", csv);
        badImport.ExitCode.ShouldBe(1);
        badImport.Error.ShouldContain("第 2 行「所在单位」");
        badImport.Error.ShouldContain("“大官”不是可选的值");
        badImport.Error.ShouldContain("“炼丹”不是可选的值");
        var pending = await Run(null, "round", "form", "第十三届党委第二轮巡察", "--groups", "2");
        pending.ExitCode.ShouldBe(1);
        pending.Error.ShouldContain("待审批");

        var again = await Run(null, "demo", "load");
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("只能载入空库");
        var ifEmpty = await Run(null, "demo", "load", "--if-empty");
        ifEmpty.ExitCode.ShouldBe(0);
        ifEmpty.Out.ShouldContain("未载入");

        var file = Path.Combine(app.DataDirectory, "orgs.xlsx");
        var export = await Run(null, "org", "export", "-o", file);
        export.ExitCode.ShouldBe(0, export.Error);
        File.Exists(file).ShouldBeTrue();
        var dryRun = await Run(null, "org", "import", file, "--dry-run");
        dryRun.ExitCode.ShouldBe(1); // every code already exists
        dryRun.Error.ShouldContain("已被使用");
    }

    [Fact]
    public async Task Without_a_database_the_tool_says_so()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "xuncha.dll"));
        psi.ArgumentList.Add("db");
        psi.ArgumentList.Add("status");
        psi.Environment.Remove("XUNCHA_DB");
        psi.Environment["XUNCHA_DB"] = "";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(1);
        error.ShouldContain("XUNCHA_DB");

        var down = await CliRunner.RunAsync(app.Database, app.DataDirectory, null, "db", "status");
        down.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Calendar_lists_imports_and_exports_the_holidays()
    {
        var list = await Run(null, "calendar", "list", "2026");
        list.ExitCode.ShouldBe(0, list.Error);
        list.Out.ShouldContain("2026-02-15 至 2026-02-23");
        list.Out.ShouldContain("春节");
        list.Out.ShouldContain("国务院办公厅关于2026年部分节假日安排的通知");

        var file = Path.Combine(app.DataDirectory, "2033.csv");
        Directory.CreateDirectory(app.DataDirectory);
        await File.WriteAllTextAsync(file, "日期,类型,说明\n2033-01-01 至 2033-01-03,放假,元旦\n2033-01-08,上班,元旦调休上班\n");
        var check = await Run(null, "calendar", "import", file, "--dry-run");
        check.ExitCode.ShouldBe(0, check.Error);
        check.Out.ShouldContain("检查通过：2 行，共 4 天（2033 年）");
        (await Run(null, "calendar", "list", "2033")).Out.ShouldContain("还没有节假日安排");
        var import = await Run(null, "calendar", "import", file, "--source", "国务院办公厅关于2033年部分节假日安排的通知");
        import.ExitCode.ShouldBe(0, import.Error);
        import.Out.ShouldContain("已导入 4 天");
        (await Run(null, "calendar", "list", "2033")).Out.ShouldContain("2033-01-01 至 2033-01-03");

        var set = await Run(null, "calendar", "set", "2033-02-05", "上班", "--note", "春节调休上班");
        set.ExitCode.ShouldBe(0, set.Error);
        (await Run(null, "calendar", "remove", "2033-02-05")).ExitCode.ShouldBe(0);
        (await Run(null, "calendar", "set", "2033-02-06", "请假")).ExitCode.ShouldBe(1);

        var xlsx = Path.Combine(app.DataDirectory, "2033.xlsx");
        var export = await Run(null, "calendar", "export", "2033", "-o", xlsx);
        export.ExitCode.ShouldBe(0, export.Error);
        (await File.ReadAllBytesAsync(xlsx)).Take(2).ShouldBe("PK"u8.ToArray());

        await File.WriteAllTextAsync(file, "日期,类型\n2033-13-01,放假\n");
        var bad = await Run(null, "calendar", "import", file);
        bad.ExitCode.ShouldBe(1);
        bad.Error.ShouldContain("第 2 行「日期」");
    }
}
