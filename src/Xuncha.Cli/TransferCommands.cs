using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Documents;
using Xuncha.Ledger;
using Xuncha.Organizations;
using Xuncha.Pool;
using Xuncha.Problems;
using Xuncha.Rectification;

namespace Xuncha.Cli;

/// <summary>
/// `xuncha export …` and `xuncha import …`: every workbook and document the pages and the API give, from the
/// console (as the console operator, with the export trace and the audit record like any other export).
/// </summary>
internal static class TransferCommands
{
    private static Option<FileInfo> Output(string what) => new("--output", "-o") { Description = $"输出的 {what} 文件", Required = true };

    private static Option<string?> Round() => new("--round") { Description = "轮次名称（或其中能唯一确定轮次的一段文字）" };

    private static Option<string?> Unit() => new("--unit") { Description = "被巡察单位的组织编码" };

    public static Command BuildExport()
    {
        var problemsOut = Output(".xlsx");
        var problemsRound = Round();
        var problems = new Command("problems", "导出一轮的问题清单为 .xlsx") { problemsOut, problemsRound };
        problems.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var round = await RoundCommands.RoundIdAsync(sp, p.GetValue(problemsRound), ct) ?? throw new DomainException("请用 --round 指定轮次。");
            var f = p.GetValue(problemsOut)!;
            int rows;
            await using (var stream = f.Create())
                rows = (await sp.GetRequiredService<ProblemExport>().ExportAsync(new ProblemFilter(RoundId: round), stream, ct)).Rows;
            Console.WriteLine($"已导出 {rows} 个问题到 {f.FullName}");
            return 0;
        }));

        var planOut = Output(".xlsx");
        var planRound = Round();
        var planUnit = Unit();
        var plan = new Command("plan", "导出一个单位的整改方案任务表为 .xlsx（与整改台账同列，可修改后用 import plan 导回）") { planOut, planRound, planUnit };
        plan.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var target = await TargetIdAsync(sp, p.GetValue(planRound), p.GetValue(planUnit), ct);
            var f = p.GetValue(planOut)!;
            int rows;
            await using (var stream = f.Create())
                rows = (await sp.GetRequiredService<PlanImport>().ExportAsync(target, stream, ct)).Rows;
            Console.WriteLine($"已导出 {rows} 项整改任务到 {f.FullName}");
            return 0;
        }));

        var poolOut = Output(".xlsx");
        var pool = new Command("pool", "导出人才库名单为 .xlsx（可再导入）") { poolOut };
        pool.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(poolOut)!;
            int rows;
            await using (var stream = f.Create())
                rows = await sp.GetRequiredService<PoolImport>().ExportAsync(new PoolFilter(), stream, sp.GetRequiredService<PoolQueries>(), ct);
            Console.WriteLine($"已导出 {rows} 人到 {f.FullName}");
            return 0;
        }));

        var orgsOut = Output(".xlsx");
        var orgs = new Command("orgs", "导出组织机构为 .xlsx（可再导入）") { orgsOut };
        orgs.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(orgsOut)!;
            int rows;
            await using (var stream = f.Create())
                rows = await sp.GetRequiredService<OrganizationExport>().WriteAsync(stream, ct);
            Console.WriteLine($"已导出 {rows} 个组织到 {f.FullName}");
            return 0;
        }));

        var auditOut = Output(".xlsx");
        var from = new Option<DateOnly?>("--from") { Description = "起始日期（含），如 2025-01-01" };
        var to = new Option<DateOnly?>("--to") { Description = "截止日期（含）" };
        var audit = new Command("audit", "导出审计日志为 .xlsx") { auditOut, from, to };
        audit.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(auditOut)!;
            int rows;
            await using (var stream = f.Create())
                rows = await sp.GetRequiredService<AuditLog>().ExportAsync(new AuditFilter(p.GetValue(from), p.GetValue(to)), stream, ct);
            Console.WriteLine($"已导出 {rows} 条审计记录到 {f.FullName}");
            return 0;
        }));

        var docOut = Output(".docx");
        var kind = new Argument<string>("KIND")
        {
            Description = "round-plan（工作方案）、group-report（巡察报告）、feedback（反馈意见）、rectification-plan（整改方案）、rectification-report（整改报告）、appraisal（鉴定表）、entry-announcement（进驻公告，--group；链接取 XUNCHA_PUBLIC_URL）",
        };
        kind.AcceptOnlyFromAmong("round-plan", "group-report", "feedback", "rectification-plan", "rectification-report", "appraisal", "entry-announcement");
        var docRound = Round();
        var docUnit = Unit();
        var group = new Option<int?>("--group") { Description = "巡察组的组号（group-report、entry-announcement）" };
        var doc = new Command("doc", "按模板生成公文 .docx") { kind, docOut, docRound, docUnit, group };
        doc.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var k = Enum.Parse<DocumentKind>(p.GetValue(kind)!.Replace("-", ""), ignoreCase: true);
            var round = await RoundCommands.RoundIdAsync(sp, p.GetValue(docRound), ct) ?? throw new DomainException("请用 --round 指定轮次。");
            var db = sp.GetRequiredService<XunchaDbContext>();
            var id = k switch
            {
                DocumentKind.RoundPlan or DocumentKind.Appraisal => round,
                DocumentKind.GroupReport or DocumentKind.EntryAnnouncement => await db.Groups.Where(g => g.RoundId == round && g.Number == (p.GetValue(group) ?? 0)).Select(g => (Guid?)g.Id)
                    .SingleOrDefaultAsync(ct) ?? throw new DomainException("请用 --group 指定本轮的组号（1、2、3…）。"),
                _ => await TargetIdAsync(sp, p.GetValue(docRound), p.GetValue(docUnit), ct),
            };
            var f = p.GetValue(docOut)!;
            string name;
            await using (var stream = f.Create())
                name = await sp.GetRequiredService<DocumentService>().WriteAsync(k, id, stream, ct);
            Console.WriteLine($"已生成《{Path.GetFileNameWithoutExtension(name)}》：{f.FullName}");
            return 0;
        }));

        return new Command("export", "导出 Excel 台账、清单和 Word 公文（均记录导出人和时间）")
        {
            RoundCommands.LedgerExport("ledger"), problems, plan, pool, orgs, audit, doc,
        };
    }

    public static Command BuildImport()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "整改方案或台账 .xlsx/.csv（表头：反馈问题、整改目标、整改措施、责任领导、牵头单位、完成时限；可选：协办单位、整改类型、阶段目标）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并预览，不写入" };
        var round = Round();
        var unit = Unit();
        var plan = new Command("plan", "导入一个单位的整改方案或台账（任何一行有错则全部不导入；重复导入不产生重复任务）") { file, round, unit, dryRun };
        plan.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var target = await TargetIdAsync(sp, p.GetValue(round), p.GetValue(unit), ct);
            var f = p.GetValue(file)!;
            await using var stream = f.OpenRead();
            var result = await sp.GetRequiredService<PlanImport>().RunAsync(target, stream, f.Name, commit: !p.GetValue(dryRun), ct);
            foreach (var issue in result.Issues) Console.Error.WriteLine($"第 {issue.Row} 行「{issue.Column}」：{issue.Message}");
            foreach (var w in result.Warnings) Console.WriteLine($"提示：第 {w.Row} 行「{w.Column}」：{w.Message}");
            if (!result.IsValid)
            {
                Console.Error.WriteLine($"有 {result.Issues.Count} 处错误，未导入任何任务。");
                return 1;
            }
            var summary = $"新增 {result.Created} 项，更新 {result.Updated} 项，无变化 {result.Unchanged} 项";
            Console.WriteLine(result.Committed ? $"已导入：{summary}。" : result.Changes == 0 ? $"与现有方案一致，无需导入（{summary}）。" : $"检查通过：{summary}。");
            return 0;
        }));
        return new Command("import", "从 Excel 导入：整改方案、人才库、组织机构") { plan, PoolCommands.Import("pool"), OrgCommands.Import("orgs") };
    }

    /// <summary>The target of a round and a unit (by its code).</summary>
    internal static async Task<Guid> TargetIdAsync(IServiceProvider sp, string? round, string? unit, CancellationToken ct)
    {
        var roundId = await RoundCommands.RoundIdAsync(sp, round, ct) ?? throw new DomainException("请用 --round 指定轮次。");
        if (string.IsNullOrWhiteSpace(unit)) throw new DomainException("请用 --unit 指定被巡察单位的组织编码。");
        var db = sp.GetRequiredService<XunchaDbContext>();
        return await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                      where t.RoundId == roundId && o.Code == unit.Trim() select (Guid?)t.Id).SingleOrDefaultAsync(ct)
               ?? throw new DomainException($"本轮巡察对象中没有编码为「{unit}」的单位。");
    }
}
