using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Common;
using Xuncha.Pool;
using Xuncha.Pool.Formation;
using Xuncha.Rounds;

namespace Xuncha.Cli;

/// <summary>The talent pool from the console: the list, import and export of the office's Excel list, statistics; group formation.</summary>
internal static class PoolCommands
{
    public static Command Build()
    {
        var status = new Option<string?>("--status") { Description = "申请中 / 在库 / 未通过 / 已出库（默认在库）" };
        var list = new Command("list", "列出人才库人员：姓名、单位、职级、专业、组长库、专兼职、参加次数、年度确认") { status };
        list.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var rows = await sp.GetRequiredService<PoolQueries>().ListAsync(new PoolFilter(Status(p.GetValue(status))), ct);
            Console.WriteLine(Columns.Pad("姓名", 10) + Columns.Pad("单位", 30) + Columns.Pad("职级", 6) + Columns.Pad("专业", 20) + Columns.Pad("组长库", 8)
                + Columns.Pad("专兼职", 8) + Columns.Pad("次数", 6) + "年度确认");
            foreach (var m in rows)
                Console.WriteLine(Columns.Pad(m.Name, 10) + Columns.Pad(m.Organization, 30) + Columns.Pad(m.Rank, 6) + Columns.Pad(string.Join("、", m.Professions), 20)
                    + Columns.Pad(m.LeaderEligible ? "是" : "", 8) + Columns.Pad(m.FullTime ? "专职" : "兼职", 8) + Columns.Pad(m.Tours.ToString(CultureInfo.InvariantCulture), 6)
                    + (m.ConfirmedYear?.ToString(CultureInfo.InvariantCulture) ?? "—"));
            Console.WriteLine($"共 {rows.Count} 人。");
            return 0;
        }));

        var import = Import();

        var output = new Option<FileInfo>("--output", "-o") { Description = "输出的 .xlsx 文件", Required = true };
        var export = new Command("export", "导出人才库名单为 .xlsx（可再导入）") { output, status };
        export.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(output)!;
            int rows;
            await using (var stream = f.Create())
                rows = await sp.GetRequiredService<PoolImport>().ExportAsync(new PoolFilter(Status(p.GetValue(status))), stream, sp.GetRequiredService<PoolQueries>(), ct);
            Console.WriteLine($"已导出 {rows} 人到 {f.FullName}");
            return 0;
        }));

        var stats = new Command("stats", "队伍统计：按专业和职级、组长库、参加次数分布、若干年未参加的人员");
        stats.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var s = await sp.GetRequiredService<PoolQueries>().StatsAsync(null, ct);
            Console.WriteLine($"在库 {s.Active} 人，组长库 {s.LeaderPool} 人，专职 {s.FullTime} 人，未确认 {s.Year} 年度 {s.Unconfirmed} 人，待审核申请 {s.Applied} 人。");
            Console.WriteLine("按专业：" + string.Join("，", s.ByProfession.Select(x => $"{x.Profession} {x.Total}")));
            Console.WriteLine("按职级：" + string.Join("，", s.ByRank.Select(x => $"{x.Label} {x.Count}")));
            Console.WriteLine($"参加巡察：{s.TookPart} 人参加过；" + string.Join("，", s.Participation.Select(x => $"{x.Label} {x.Count} 人")));
            Console.WriteLine($"{s.UnusedYears} 年以上未参加：{s.Unused.Count} 人。培训 {s.Trainings} 人次、{s.TrainingHours} 学时；推荐上级巡视巡察 {s.Recommendations} 人次。");
            return 0;
        }));
        return new Command("pool", "巡察人才库：列表、导入、导出、统计") { list, import, export, stats };
    }

    /// <summary>`xuncha round form ROUND --groups N [--apply]`: a proposal with its reasons, and (with --apply) adopted.</summary>
    public static Command Import(string name = "import")
    {
        var file = new Argument<FileInfo>("FILE") { Description = ".xlsx 或 .csv，表头：姓名、所在单位、职级（必填），职务、专业、组长库、专兼职、电话、邮箱、账号（可选）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并预览，不写入" };
        var import = new Command(name, "导入人才库名单（任何一行有错则全部不导入）") { file, dryRun };
        import.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(file)!;
            await using var stream = f.OpenRead();
            var result = await sp.GetRequiredService<PoolImport>().RunAsync(stream, f.Name, commit: !p.GetValue(dryRun), ct);
            foreach (var issue in result.Issues) Console.Error.WriteLine($"第 {issue.Row} 行「{issue.Column}」：{issue.Message}");
            if (!result.IsValid)
            {
                Console.Error.WriteLine($"有 {result.Issues.Count} 处错误，未导入任何人员。");
                return 1;
            }
            Console.WriteLine(p.GetValue(dryRun) ? $"检查通过：{result.Rows.Count} 人可以导入。" : $"已导入 {result.Imported} 人。");
            return 0;
        }));
        return import;
    }

    public static Command BuildFormation()
    {
        var round = new Argument<string>("ROUND") { Description = "轮次名称（或能唯一确定轮次的一段文字）" };
        var groups = new Option<int?>("--groups") { Description = "组数（不给则按本轮已定的单位分组）" };
        var apply = new Option<bool>("--apply") { Description = "采用方案：替换本轮全部巡察组" };
        var form = new Command("form", "智能组队：从人才库提出方案（理由、回避排除、未达目标、与贪心法的得分对比）") { round, groups, apply };
        form.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var id = await RoundCommands.RoundIdAsync(sp, p.GetValue(round), ct) ?? throw new DomainException("请指定轮次。");
            var formation = sp.GetRequiredService<FormationService>();
            FormationProposal proposal;
            try
            {
                proposal = await formation.ProposeAsync(id, p.GetValue(groups), null, p.GetValue(groups) is null, ct);
            }
            catch (FormationImpossibleException e)
            {
                Console.Error.WriteLine(Messages.Formation_Impossible);
                foreach (var r in e.Reasons) Console.Error.WriteLine("  " + r);
                return 1;
            }
            Console.WriteLine($"方案得分 {proposal.Score:0.0}（满分 100）；简单贪心法 {(proposal.GreedyScore?.ToString("0.0", CultureInfo.InvariantCulture) ?? "未能组成")}；可用人员 {proposal.Candidates} 人。");
            foreach (var g in proposal.Groups)
            {
                Console.WriteLine();
                Console.WriteLine($"第{Numerals.Chinese(g.Number)}巡察组（{g.Score:0.0} 分）：{string.Join("、", g.Targets.Select(t => t.Name))}");
                foreach (var m in g.Members)
                    Console.WriteLine($"  {Columns.Pad(m.Role.Label(), 8)}{Columns.Pad(m.Name, 10)}{Columns.Pad(m.Home, 28)}{string.Join("；", m.Reasons)}");
                foreach (var u in g.UnmetGoals) Console.WriteLine($"  ！{u}");
            }
            Console.WriteLine();
            foreach (var t in proposal.Exclusions.Where(t => t.Excluded.Count > 0))
                Console.WriteLine($"回避 {t.Target}：" + string.Join("，", t.Counts.Select(c => $"{c.Key.Label()} {c.Value} 人")));
            if (!p.GetValue(apply)) return 0;
            await formation.ApplyAsync(id, proposal.Groups.Select(g => new GroupPlanInput(null,
                g.Members.Single(m => m.Role == ProposedRole.Leader).Id, g.Members.Where(m => m.Role == ProposedRole.Deputy).Select(m => m.Id).ToList(),
                g.Members.Where(m => m.Role == ProposedRole.Member).Select(m => m.Id).ToList(), g.Targets.Select(t => t.Id).ToList())).ToList(), null, ct);
            Console.WriteLine("已按方案组建巡察组。");
            return 0;
        }));
        return form;
    }

    private static MemberStatus? Status(string? text) =>
        string.IsNullOrWhiteSpace(text) ? MemberStatus.Active
        : Enum.GetValues<MemberStatus>().FirstOrDefault(s => s.Label() == text.Trim() || s.ToString().Equals(text.Trim(), StringComparison.OrdinalIgnoreCase), (MemberStatus)(-1)) is var s && Enum.IsDefined(s)
            ? s : throw new DomainException($"没有“{text}”这种状态（可选：{string.Join("、", Enum.GetValues<MemberStatus>().Select(x => x.Label()))}）。");
}
