using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Demo;
using Xuncha.Documents;
using Xuncha.Ledger;
using Xuncha.Rectification;
using Xuncha.Spreadsheets;

namespace Xuncha.Bench;

/// <summary>
/// Issue #5 on a real PostgreSQL: the ledger exported at 10k and 150k tasks (time, peak memory of the exporting
/// process), a 10k-row plan imported (preview, commit, the same file again), and a plan of 10k tasks as .docx.
/// </summary>
internal static class DocumentsBench
{
    private const string Database = "xuncha_bench";

    public static async Task<string> RunAsync()
    {
        var super = Environment.GetEnvironmentVariable("XUNCHA_BENCH_PG");
        if (string.IsNullOrWhiteSpace(super))
        {
            Console.WriteLine("XUNCHA_BENCH_PG is not set: the document benchmarks need a PostgreSQL (bench/run.sh starts one).");
            return "";
        }
        var cs = await CreateDatabaseAsync(super);
        await using var provider = Services(cs);
        await AsSystemAsync(provider, sp => sp.GetRequiredService<Migrator>().MigrateAsync(cs, null));
        await AsSystemAsync(provider, sp => sp.GetRequiredService<DemoData>().LoadAsync(history: false));

        var seed = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await Exec(conn, SeedFunction);
            // 10k tasks in one round, 140k in another over every unit under the committee, and a unit with 3,334 problems for the import
            var units = (int)await ScalarAsync<long>(cs, "SELECT count(*) FROM organizations o JOIN organizations c ON c.id = o.parent_id WHERE c.parent_id IS NULL AND o.is_active");
            var perUnit = (int)Math.Ceiling(140_000 / 3.0 / units);
            await Exec(conn, $"SELECT bench_round('基准轮次甲（1万项任务）', 91, 10, 334); SELECT bench_round('基准轮次乙（14万项任务）', 92, {units}, {perUnit});" +
                             "SELECT bench_round('基准轮次丙（导入）', 93, 1, 3334, false); ANALYZE;");
        }
        Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:0.0} s");
        var roundA = await ScalarAsync<Guid>(cs, "SELECT id FROM rounds WHERE ordinal = 91");
        var tasks = await ScalarAsync<long>(cs, "SELECT count(*) FROM rectification_tasks");

        var rows = new List<string>();
        foreach (var (label, filter) in new[] { ("1 万行（一轮）", roundA.ToString()), (string.Format(CultureInfo.InvariantCulture, "{0:0.#} 万行（全部）", tasks / 10000.0), "all") })
        {
            var r = await ChildAsync(cs, filter);
            rows.Add(string.Format(CultureInfo.InvariantCulture, "| 导出整改台账 {0} | {1:#,0} 行 | {2:0.0} s | {3:0.0} s | {4:0} MB | {5:0.0} MB |",
                label, r.Rows, r.ColdSeconds, r.WarmSeconds, r.PeakMegabytes, r.FileMegabytes));
            Console.WriteLine(rows[^1]);
        }

        // 10k rows of a plan, as a unit's Excel: problem number and title, goal, measures, leader, units, deadline, kind, stages
        var target = await ScalarAsync<Guid>(cs, "SELECT t.id FROM round_targets t JOIN rounds r ON r.id = t.round_id WHERE r.ordinal = 93");
        var workbook = await PlanWorkbookAsync(cs, target, 10_000);
        var import = new List<(string, double, string)>();
        foreach (var (label, commit) in new[] { ("预览（不写入）", false), ("导入（写入 1 万项）", true), ("同一文件再导入（无变化）", true) })
        {
            var (seconds, result) = await AsSystemAsync(provider, async sp =>
            {
                var sw = Stopwatch.StartNew();
                var res = await sp.GetRequiredService<PlanImport>().RunAsync(target, new MemoryStream(workbook), "整改方案.xlsx", commit);
                return (sw.Elapsed.TotalSeconds, res);
            });
            if (!result.IsValid) throw new InvalidOperationException("import refused: " + string.Join("; ", result.Issues.Take(5).Select(i => $"{i.Row} {i.Column} {i.Message}")));
            import.Add((label, seconds, $"新增 {result.Created}、更新 {result.Updated}、无变化 {result.Unchanged}"));
            Console.WriteLine($"{label}: {seconds:0.00} s");
        }
        var (docSeconds, docBytes) = await AsSystemAsync(provider, async sp =>
        {
            using var output = new MemoryStream();
            var sw = Stopwatch.StartNew();
            await sp.GetRequiredService<DocumentService>().WriteAsync(DocumentKind.RectificationPlan, target, output);
            return (sw.Elapsed.TotalSeconds, output.Length);
        });

        var text = new StringBuilder()
            .AppendLine("<!-- documents:begin -->")
            .AppendLine("## 台账导出、方案导入与公文（issue #5）")
            .AppendLine()
            .AppendLine($"测于 {DateTime.Now:yyyy-MM-dd}，{FormationBench.Machine()}，PostgreSQL {await ScalarAsync<string>(cs, "SHOW server_version")}（本机临时实例，fsync 关闭）；`bench/run.sh`。")
            .AppendLine($"数据：演示组织树上用 SQL 生成三轮巡察，共 {tasks:#,0} 项整改任务（每个问题 3 项；三分之一有协办单位，长期坚持的任务各有 2 个阶段目标，状态混合）。" +
                        "导出在单独的进程中运行（巡察办身份，含范围过滤、倒计时和合计），峰值内存是该进程的最大常驻内存（VmHWM，含 .NET 运行时和 EF Core 本身）；" +
                        "“首次”含 JIT 和数据库冷缓存，“再次”是同一进程紧接着再导出一次。目标：15 万行 < 10 s、< 300 MB。")
            .AppendLine()
            .AppendLine("| 操作 | 规模 | 首次 | 再次 | 峰值内存 | 文件 |")
            .AppendLine("|---|---|---|---|---|---|")
            .AppendLine(string.Join(Environment.NewLine, rows))
            .AppendLine()
            .AppendLine("方案导入：一个单位 3,334 个问题，上传 1 万行的整改方案（台账同列，日期为日期单元格，三分之一为“长期坚持”并写阶段目标），同一进程内依次运行。目标：1 万行 < 5 s。")
            .AppendLine()
            .AppendLine("| 操作 | 用时 | 结果 |")
            .AppendLine("|---|---|---|")
            .AppendLine(string.Join(Environment.NewLine, import.Select(i => string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.00} s | {2} |", i.Item1, i.Item2, i.Item3))))
            .AppendLine(string.Format(CultureInfo.InvariantCulture, "| 生成该单位整改方案 .docx（1 万行任务表） | {0:0.00} s | {1:0.0} MB |", docSeconds, docBytes / 1048576.0))
            .AppendLine("<!-- documents:end -->")
            .ToString();
        return text;
    }

    private sealed record ChildResult(int Rows, double ColdSeconds, double WarmSeconds, double PeakMegabytes, double FileMegabytes);

    private static async Task<ChildResult> ChildAsync(string cs, string filter)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(DocumentsBench).Assembly.Location);
        foreach (var a in new[] { "--child-export", cs, filter }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"child export failed: {error}");
        var f = output.Trim().Split('\n')[^1].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new ChildResult((int)f[0], f[1], f[2], f[3], f[4]);
    }

    /// <summary>In its own process: exports the ledger twice to a temporary file; prints rows, both times, the peak RSS and the file size.</summary>
    public static async Task<int> ChildExportAsync(string cs, string filter)
    {
        await using var provider = Services(cs);
        var f = filter == "all" ? new LedgerFilter() : new LedgerFilter(RoundId: Guid.Parse(filter));
        var path = Path.GetTempFileName();
        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i < 2; i++)
        {
            var sw = Stopwatch.StartNew();
            rows = await AsSystemAsync(provider, async sp =>
            {
                await using var file = File.Create(path);
                return (await sp.GetRequiredService<LedgerService>().ExportAsync(f, file)).Rows;
            });
            times.Add(sw.Elapsed.TotalSeconds);
        }
        var size = new FileInfo(path).Length;
        File.Delete(path);
        var hwm = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = double.Parse(hwm["VmHWM:".Length..].Replace("kB", "").Trim(), CultureInfo.InvariantCulture);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1:0.000} {2:0.000} {3:0.0} {4:0.00}", rows, times[0], times[1], kb / 1024, size / 1048576.0));
        return 0;
    }

    private static async Task<byte[]> PlanWorkbookAsync(string cs, Guid target, int rows)
    {
        var problems = new List<(string Number, string Title)>();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT number, title FROM problems WHERE target_id = @t ORDER BY sequence", conn);
            cmd.Parameters.AddWithValue("t", target);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) problems.Add((reader.GetString(0), reader.GetString(1)));
        }
        var unit = await ScalarAsync<string>(cs, "SELECT o.name FROM round_targets t JOIN organizations o ON o.id = t.organization_id WHERE t.id = '" + target + "'");
        var today = DateOnly.FromDateTime(DateTime.Today);
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms, "整改任务", unit + "整改方案任务表", LedgerService.Columns, new ExportTrace("基准", DateTimeOffset.Now)))
        {
            for (var i = 0; i < rows; i++)
            {
                var (number, title) = problems[i % problems.Count];
                var longTerm = i % 3 == 2;
                x.WriteRow(i + 1, $"{number} {title}", $"整改目标第{i + 1}项：建立长效机制，确保问题不反弹", "一是全面自查，逐项梳理；二是修订完善制度；三是加强督促检查，压实责任。",
                    "单位书记", unit, i % 3 == 1 ? "教务处党总支" : "", longTerm ? "长期坚持" : today.AddDays(30 + i % 200),
                    longTerm ? "长期坚持" : "限期整改",
                    longTerm ? Milestones.Format([(today.AddMonths(3), "完成制度修订"), (today.AddMonths(9), "开展执行情况检查")]) : "",
                    "", null, unit, "", "");
            }
        }
        return ms.ToArray();
    }

    private static ServiceProvider Services(string cs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddXunchaCore(new XunchaSettings { ConnectionString = cs, DataDirectory = Path.Combine(Path.GetTempPath(), "xuncha-bench-data") });
        return services.BuildServiceProvider();
    }

    private static async Task<T> AsSystemAsync<T>(ServiceProvider provider, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Value = Actor.System("bench");
        return await work(scope.ServiceProvider);
    }

    private static async Task<string> CreateDatabaseAsync(string super)
    {
        await using (var conn = new NpgsqlConnection(super))
        {
            await conn.OpenAsync();
            await Exec(conn, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await Exec(conn, $"CREATE DATABASE {Database}");
        }
        return new NpgsqlConnectionStringBuilder(super) { Database = Database, Pooling = true }.ConnectionString;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A round in rectification with its targets, problems, approved plans and tasks (or only the problems, for the import).</summary>
    private const string SeedFunction = """
        CREATE OR REPLACE FUNCTION bench_round(round_name text, round_ordinal int, target_count int, problems_per_target int, with_tasks boolean DEFAULT true)
        RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            committee uuid; tax uuid; author uuid; r uuid := gen_random_uuid(); g uuid := gen_random_uuid(); helper uuid;
            cats uuid[];
        BEGIN
            SELECT id INTO committee FROM organizations WHERE type = 'Committee' AND parent_id IS NULL ORDER BY sort_order LIMIT 1;
            SELECT id INTO tax FROM taxonomies WHERE is_active ORDER BY version_number DESC LIMIT 1;
            SELECT id INTO author FROM users ORDER BY user_name LIMIT 1;
            SELECT id INTO helper FROM organizations WHERE code = 'JWC';
            cats := ARRAY(SELECT id FROM problem_categories WHERE taxonomy_id = tax ORDER BY sort_order);
            INSERT INTO rounds (id, committee_id, year, ordinal, name, type, planned_start, planned_end, taxonomy_id, status, submitted_at, approved_at,
                                fieldwork_started_on, fieldwork_ended_on, created_at)
            VALUES (r, committee, 2024, round_ordinal, round_name, 'Regular', current_date - 200, current_date - 150, tax, 'Rectifying', now(), now(),
                    current_date - 200, current_date - 150, now());
            INSERT INTO inspection_groups (id, round_id, number, name) VALUES (g, r, 1, '第一巡察组');
            INSERT INTO round_targets (id, round_id, organization_id, group_id, feedback_date, feedback_by)
            SELECT gen_random_uuid(), r, o.id, g, current_date - 1, author
            FROM (SELECT id FROM organizations WHERE parent_id = committee AND is_active ORDER BY sort_order, code LIMIT target_count) o;
            INSERT INTO problems (id, round_id, group_id, target_id, category_id, sequence, number, title, manifestation, basis, responsibility,
                                  is_immediate_fix, status, author_id, created_at, approved_at, approved_by)
            SELECT gen_random_uuid(), r, g, t.id, cats[1 + (s % array_length(cats, 1))], t.n * problems_per_target + s,
                   format('[2024]%s巡-1组-%s号', round_ordinal, t.n * problems_per_target + s), format('问题%s：制度执行不到位，监督检查流于形式', s),
                   repeat('具体表现为：相关制度未严格执行，台账记录不完整，检查发现的问题未及时整改。', 3), '违反有关规定', '单位党组织主体责任落实不到位',
                   false, 'Approved', author, now(), now(), author
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM round_targets WHERE round_id = r) t, generate_series(1, problems_per_target) s;
            INSERT INTO rectification_plans (id, target_id, status, revision, submitted_at, reviewed_at, reviewed_by)
            SELECT gen_random_uuid(), id, CASE WHEN with_tasks THEN 'Approved' ELSE 'Draft' END, CASE WHEN with_tasks THEN 1 ELSE 0 END,
                   CASE WHEN with_tasks THEN now() END, CASE WHEN with_tasks THEN now() END, CASE WHEN with_tasks THEN author END
            FROM round_targets WHERE round_id = r;
            IF NOT with_tasks THEN RETURN; END IF;
            INSERT INTO rectification_tasks (id, plan_id, problem_id, sequence, goal, measures, responsible_leader, lead_organization_id, deadline, kind,
                                             is_supplementary, state, percent, closure_statement, closure_requested_at, closed_on, closed_by, closure_result, created_at)
            SELECT gen_random_uuid(), pl.id, p.id, p.sequence * 3 + k, format('整改目标%s：建立健全制度，堵塞管理漏洞', k),
                   '一是全面自查，逐项梳理问题清单；二是修订完善相关制度，规范工作流程；三是加强督促检查，压实整改责任。', '单位书记', t.organization_id,
                   CASE WHEN k = 3 THEN NULL ELSE current_date + ((p.sequence * 7 + k * 11) % 240) - 60 END,
                   CASE WHEN k = 3 THEN 'LongTerm' ELSE 'Deadline' END, false,
                   CASE (p.sequence + k) % 4 WHEN 0 THEN 'Closed' WHEN 1 THEN 'ClosureRequested' ELSE 'InProgress' END,
                   CASE (p.sequence + k) % 4 WHEN 0 THEN 100 ELSE 50 END,
                   CASE WHEN (p.sequence + k) % 4 IN (0, 1) THEN '已完成整改' END, CASE WHEN (p.sequence + k) % 4 IN (0, 1) THEN now() END,
                   CASE WHEN (p.sequence + k) % 4 = 0 THEN current_date - 10 END, CASE WHEN (p.sequence + k) % 4 = 0 THEN author END,
                   CASE WHEN (p.sequence + k) % 4 = 0 THEN CASE WHEN k = 3 THEN 'Ongoing' ELSE 'Completed' END END, now()
            FROM problems p JOIN round_targets t ON t.id = p.target_id JOIN rectification_plans pl ON pl.target_id = t.id, generate_series(1, 3) k
            WHERE p.round_id = r;
            INSERT INTO task_co_organizations (task_id, organization_id)
            SELECT x.id, helper FROM rectification_tasks x JOIN problems p ON p.id = x.problem_id
            WHERE p.round_id = r AND x.sequence % 3 = 1 AND x.lead_organization_id <> helper;
            INSERT INTO task_milestones (id, task_id, due_on, description)
            SELECT gen_random_uuid(), x.id, current_date + m * 120 - 90, format('阶段目标%s：完成制度修订和执行检查', m)
            FROM rectification_tasks x JOIN problems p ON p.id = x.problem_id, generate_series(1, 2) m
            WHERE p.round_id = r AND x.kind = 'LongTerm';
        END $$;
        """;
}
