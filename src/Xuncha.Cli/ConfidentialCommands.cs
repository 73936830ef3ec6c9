using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Common;
using Xuncha.Confidential;
using Xuncha.Confidential.Crypto;
using Xuncha.Data;

namespace Xuncha.Cli;

/// <summary>
/// The clue register's figures and the keys of confidential records. The console never prints what a record says:
/// it lists numbers, states and dates, checks that every record still opens, and re-wraps the record keys.
/// </summary>
internal static class ConfidentialCommands
{
    public static Command BuildClues()
    {
        var round = new Option<string?>("--round") { Description = "轮次名称（或其中能唯一确定轮次的一段文字）" };
        var stats = new Command("stats", "线索统计：移交、签收、处置、四种形态、逾期未回复") { round };
        stats.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var id = await RoundCommands.RoundIdAsync(sp, p.GetValue(round), ct);
            var s = await sp.GetRequiredService<ClueService>().StatsAsync(id, ct);
            Console.WriteLine($"线索 {s.Registered}（密封 {s.Sealed}），已移交 {s.Transferred}，已签收 {s.Acknowledged}，已处置 {s.Disposed}，即将到期 {s.DueSoon}，逾期未回复 {s.Overdue}");
            Console.WriteLine("处置方式：" + string.Join("，", Enum.GetValues<ClueDisposal>().Select(d => $"{d.Label()} {s.ByDisposal.GetValueOrDefault(d)}")));
            Console.WriteLine("四种形态：" + string.Join("，", Enum.GetValues<DisciplineForm>().Select(f => $"{f.Label()} {s.ByForm.GetValueOrDefault(f)}")));
            return s.Overdue > 0 ? 3 : 0;
        }));

        var overdue = new Option<bool>("--overdue") { Description = "只列逾期未回复的" };
        var listRound = new Option<string?>("--round") { Description = "轮次名称" };
        var list = new Command("list", "线索的编号、单位、状态和回复期限（不显示线索内容）") { listRound, overdue };
        list.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var id = await RoundCommands.RoundIdAsync(sp, p.GetValue(listRound), ct);
            var db = sp.GetRequiredService<XunchaDbContext>();
            var today = DateOnly.FromDateTime(DateTime.Today);
            var q = db.Clues.AsNoTracking().Where(c => id == null || c.RoundId == id);
            if (p.GetValue(overdue)) q = q.Where(c => c.Status == ClueStatus.Acknowledged && c.ReplyDue < today);
            var rows = await (from c in q join r in db.Rounds on c.RoundId equals r.Id join o in db.Organizations on c.OrganizationId equals o.Id
                              orderby r.Year descending, r.Ordinal descending, c.Sequence
                              select new { r.Year, r.Ordinal, c.Sequence, o.Name, c.Status, c.IsSealed, c.Receiver, c.ReplyDue }).ToListAsync(ct);
            foreach (var c in rows)
                Console.WriteLine($"{Columns.Pad(Clue.FormatNumber(c.Year, c.Ordinal, c.Sequence), 20)}{Columns.Pad(c.Name, 24)}{Columns.Pad(c.Status.Label(), 8)}"
                                  + $"{Columns.Pad(c.IsSealed ? "密封" : "", 6)}{Columns.Pad(c.Receiver?.Label(), 10)}{c.ReplyDue?.ToString("yyyy-MM-dd")}"
                                  + (c.Status == ClueStatus.Acknowledged && c.ReplyDue < today ? "  逾期" : ""));
            Console.WriteLine($"共 {rows.Count} 条。");
            return 0;
        }));
        return new Command("clue", "问题线索（只显示登记信息和进度）") { stats, list };
    }

    public static Command BuildKeys()
    {
        var verify = new Command("verify", "逐条打开信访件、线索及其附件的密钥和密文，报告未通过完整性校验的记录（不显示内容）");
        verify.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var (checkedCount, failures) = await sp.GetRequiredService<KeyMaintenance>().VerifyAsync(ct);
            foreach (var f in failures) Console.Error.WriteLine("未通过：" + f);
            Console.WriteLine($"已检查 {checkedCount} 条记录，{failures.Count} 条未通过。");
            return failures.Count == 0 ? 0 : 1;
        }));

        var newKey = new Option<FileInfo>("--new-key-file") { Description = "新主密钥文件（不存在时生成）；完成后请把配置 XUNCHA_MASTER_KEY_FILE 指向它", Required = true };
        var rotate = new Command("rotate", "用新主密钥重新封装全部记录密钥（密文不变）；在一个事务中完成") { newKey };
        rotate.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var file = p.GetValue(newKey)!;
            var n = await sp.GetRequiredService<KeyMaintenance>().RotateAsync(file.FullName, ct);
            Console.WriteLine($"已用新主密钥重新封装 {n} 个记录密钥。请把 XUNCHA_MASTER_KEY_FILE 指向 {file.FullName}，重启服务，并备份新密钥。");
            return 0;
        }));
        return new Command("keys", "机密记录的密钥：校验、更换主密钥") { verify, rotate };
    }
}
