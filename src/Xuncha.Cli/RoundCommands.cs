using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Ledger;
using Xuncha.Rounds;

namespace Xuncha.Cli;

/// <summary>Rounds at a glance and the rectification ledger from the console (for scheduled snapshots and scripts).</summary>
internal static class RoundCommands
{
    public static Command BuildRounds()
    {
        var year = new Option<int?>("--year") { Description = "只列出该年度的轮次" };
        var list = new Command("list", "列出巡察轮次：年度、名称、类型、状态、被巡察单位、问题、已反馈") { year };
        list.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var rounds = await sp.GetRequiredService<RoundQueries>().ListAsync(new RoundFilter(Year: p.GetValue(year)), ct);
            Console.WriteLine(Columns.Pad("年度", 6) + Columns.Pad("名称", 34) + Columns.Pad("类型", 10) + Columns.Pad("状态", 8)
                + Columns.Pad("单位", 6) + Columns.Pad("问题", 6) + "已反馈");
            foreach (var r in rounds)
                Console.WriteLine(Columns.Pad(r.Year.ToString(), 6) + Columns.Pad(r.Name, 34) + Columns.Pad(r.TypeName, 10) + Columns.Pad(r.StatusName, 8)
                    + Columns.Pad(r.Targets.ToString(), 6) + Columns.Pad(r.Problems.ToString(), 6) + r.FedBack);
            Console.WriteLine($"共 {rounds.Count} 轮。");
            return 0;
        }));
        return new Command("round", "巡察轮次：列表、智能组队") { list, PoolCommands.BuildFormation() };
    }

    public static Command BuildLedger() => new("ledger", "整改台账") { LedgerExport("export") };

    public static Command LedgerExport(string name)
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "输出的 .xlsx 文件", Required = true };
        var round = new Option<string?>("--round") { Description = "轮次名称（或其中能唯一确定轮次的一段文字）" };
        var unit = new Option<string?>("--unit") { Description = "被巡察单位的组织编码" };
        var overdue = new Option<bool>("--overdue") { Description = "只导出逾期未完成的任务" };
        var export = new Command(name, "导出整改台账为 .xlsx，并打印统计（反馈问题数、已完成、基本完成持续整改、未完成、完成率）")
            { output, round, unit, overdue };
        export.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var filter = new LedgerFilter(
                RoundId: await RoundIdAsync(sp, p.GetValue(round), ct), OrganizationId: await UnitIdAsync(sp, p.GetValue(unit), ct),
                OverdueOnly: p.GetValue(overdue));
            var f = p.GetValue(output)!;
            int rows;
            LedgerTotals totals;
            await using (var stream = f.Create())
                (rows, totals) = await sp.GetRequiredService<LedgerService>().ExportAsync(filter, stream, ct);
            Console.WriteLine($"已导出 {rows} 项整改任务到 {f.FullName}");
            Console.WriteLine(string.Format(Messages.Ledger_TotalsLine, totals.Problems, totals.Completed, totals.Ongoing, totals.Open, totals.CompletionRate));
            return 0;
        }));
        return export;
    }

    internal static async Task<Guid?> RoundIdAsync(IServiceProvider sp, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var rounds = await sp.GetRequiredService<RoundQueries>().ListAsync(new RoundFilter(), ct);
        var matches = rounds.Where(r => r.Name == text.Trim()).ToList();
        if (matches.Count == 0) matches = rounds.Where(r => r.Name.Contains(text.Trim(), StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new DomainException($"没有名称含「{text}」的轮次。"),
            _ => throw new DomainException($"「{text}」对应多个轮次：{string.Join("、", matches.Select(r => r.Name))}。请写得更具体些。"),
        };
    }

    private static async Task<Guid?> UnitIdAsync(IServiceProvider sp, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        return await sp.GetRequiredService<XunchaDbContext>().Organizations.Where(o => o.Code == code.Trim()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct)
               ?? throw new DomainException($"没有编码为「{code}」的组织。");
    }
}
