using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xuncha.Bench;
using Xuncha.Pool;
using Xuncha.Pool.Formation;

// Benchmarks, results written to docs/benchmarks.md (machine, date, figures):
//   group formation on generated pools (issue #4);
//   ledger export, document and plan import on a PostgreSQL with 150k tasks (issue #5; needs XUNCHA_BENCH_PG, see bench/run.sh).
// Usage: bench/run.sh   or   dotnet run -c Release --project bench/Xuncha.Bench [-- --write docs/benchmarks.md] [--only formation|documents]
if (Array.IndexOf(args, "--child-export") is var child and >= 0) return await DocumentsBench.ChildExportAsync(args[child + 1], args[child + 2]);

var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
var sections = new List<(string Marker, string Text)>();
if (only is null or "formation") sections.Add(("formation", FormationBench.Run()));
if (only is null or "documents") sections.Add(("documents", await DocumentsBench.RunAsync()));

var write = Array.IndexOf(args, "--write");
if (write >= 0 && write + 1 < args.Length)
{
    var path = args[write + 1];
    var text = File.Exists(path) ? File.ReadAllText(path) : "# 性能测试\n\n各项测试的机器、日期和结果。数字来自 `bench/` 下的程序，不来自计时的单元测试。\n\n";
    foreach (var (marker, section) in sections)
    {
        var begin = text.IndexOf($"<!-- {marker}:begin -->", StringComparison.Ordinal);
        var end = text.IndexOf($"<!-- {marker}:end -->", StringComparison.Ordinal);
        text = begin >= 0 && end > begin
            ? text[..begin] + section.TrimEnd() + text[(end + $"<!-- {marker}:end -->".Length)..]
            : text.TrimEnd() + "\n\n" + section;
    }
    File.WriteAllText(path, text);
    Console.WriteLine($"written to {path}");
}
return 0;

/// <summary>Group formation on generated pools (issue #4): time, memory, hard-rule violations, score beside greedy.</summary>
internal static class FormationBench
{
    public static string Run()
    {
        var scenarios = new (string Name, int People, int Targets, int Groups)[]
        {
            ("校级（seed 004 规模）", 80, 8, 2),
            ("区县 / 大型高校", 500, 30, 6),
            ("省级", 3000, 120, 20),
        };
        const int Runs = 3;
        var rows = new List<string>();
        foreach (var (name, people, targets, groups) in scenarios)
        {
            var input = Generator.Input(seed: people * 31 + targets, people, targets, groups);
            var times = new List<double>();
            FormationProposal? proposal = null;
            long allocated = 0;
            for (var run = 0; run < Runs; run++)
            {
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var sw = Stopwatch.StartNew();
                proposal = FormationSolver.Propose(input);
                sw.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            var drafts = proposal!.Groups.Select(g => new HardRules.GroupDraft(g.Targets,
                g.Members.Single(m => m.Role == ProposedRole.Leader).Id, g.Members.Where(m => m.Role == ProposedRole.Deputy).Select(m => m.Id).ToList(),
                g.Members.Where(m => m.Role == ProposedRole.Member).Select(m => m.Id).ToList())).ToList();
            var violations = HardRules.Check(drafts, input.Candidates.ToDictionary(c => c.Id), input.Settings).Count;
            var gain = proposal.GreedyScore is { } gs && gs > 0 ? (proposal.Score / gs - 1) * 100 : double.NaN;
            times.Sort();
            var row = string.Format(CultureInfo.InvariantCulture,
                "| {0} | {1} × {2} × {3} | {4:0} ms | {5:0} ms | {6:0.0} MB | {7} | {8:0.0} | {9} | {10} | {11:#,0} |",
                name, people, targets, groups, times[0], times[Runs / 2], allocated / 1048576.0, violations, proposal.Score,
                proposal.GreedyScore is { } g2 ? g2.ToString("0.0", CultureInfo.InvariantCulture) : "未能组成",
                double.IsNaN(gain) ? "—" : $"+{gain:0}%", proposal.Iterations);
            rows.Add(row);
            Console.WriteLine(row);
        }

        var header = """
            | 场景 | 人员 × 巡察对象 × 组 | 最快 | 中位 | 分配内存 | 违反硬性规则 | 方案得分 | 贪心得分 | 提升 | 评估次数 |
            |---|---|---|---|---|---|---|---|---|---|
            """;
        var machine = Machine();
        return new StringBuilder()
            .AppendLine("<!-- formation:begin -->")
            .AppendLine("## 组队方案（issue #4）")
            .AppendLine()
            .AppendLine($"测于 {DateTime.Now:yyyy-MM-dd}，{machine}；`dotnet run -c Release --project bench/Xuncha.Bench`。")
            .AppendLine($"每个场景用固定种子生成人才库（约 30% 可任组长，20% 有曾任职单位、10% 有亲属任职、5% 申报利害关系，30% 的巡察对象有上一轮组长），" +
                        $"每组 5–7 人、必备党建/财务/审计/纪检，连续求解 {Runs} 次（第一次含 JIT）。目标：前两个场景 < 1 s，省级 < 10 s，违反硬性规则为 0，得分比简单贪心高 20% 以上。")
            .AppendLine()
            .Append(header).AppendLine()
            .AppendLine(string.Join(Environment.NewLine, rows))
            .AppendLine()
            .AppendLine("得分 0–100：各组专业覆盖、以老带新、专兼结合、参与均衡、来源多样按权重（40/20/10/20/10）的达成度。" +
                        "贪心：逐组按顺序取第一个符合硬性规则的人，凑足最少人数。")
            .AppendLine("<!-- formation:end -->")
            .ToString();
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} 核，{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB 内存，" +
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}，{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
}

/// <summary>Pools like a province's: an organisation tree, members with professions, ranks, tours and avoidance ties.</summary>
internal static class Generator
{
    private static readonly (Guid Id, string Name, double Share)[] Professions =
    [
        (new("00000000-0000-7000-8000-000000000401"), "党建", 0.35), (new("00000000-0000-7000-8000-000000000402"), "纪检", 0.08),
        (new("00000000-0000-7000-8000-000000000403"), "组织人事", 0.12), (new("00000000-0000-7000-8000-000000000404"), "财务", 0.15),
        (new("00000000-0000-7000-8000-000000000405"), "审计", 0.05), (new("00000000-0000-7000-8000-000000000406"), "法律", 0.06),
        (new("00000000-0000-7000-8000-000000000407"), "业务", 0.25),
    ];

    public static FormationInput Input(int seed, int people, int targets, int groups)
    {
        var rng = new Random(seed);
        var units = Enumerable.Range(0, Math.Max(targets + 12, 40)).Select(i => Org(rng, "/P/U" + i + "/", "单位" + i)).ToList();
        var branches = units.SelectMany(u => Enumerable.Range(0, 2).Select(b => Org(rng, u.Path + "B" + b + "/", u.Name + "支部" + b))).ToList();
        var all = units.Concat(branches).ToList();
        var today = new DateOnly(2026, 11, 21);
        var candidates = new List<FormationCandidate>();
        for (var i = 0; i < people; i++)
        {
            var home = all[rng.Next(all.Count)];
            var leader = rng.NextDouble() < 0.30;
            var level = leader ? rng.Next(4, 6) : rng.Next(1, 5);
            var profs = Professions.Where(p => rng.NextDouble() < p.Share).Select(p => p.Id).Take(2).ToList();
            if (profs.Count == 0) profs.Add(Professions[rng.Next(Professions.Length)].Id);
            var roll = rng.NextDouble();
            var tours = roll < 0.4 ? 0 : roll < 0.65 ? 1 : roll < 0.95 ? rng.Next(2, 5) : rng.Next(5, 8);
            var ties = new List<FormationTie> { new(null, home.Id, home.Name, home.Path, "") };
            if (rng.NextDouble() < 0.20)
            {
                var o = all[rng.Next(all.Count)];
                var left = today.AddDays(-rng.Next(0, 8 * 365));
                if (HardRules.Counts(RelationKind.PastOrganization, left, today, 5)) ties.Add(new(RelationKind.PastOrganization, o.Id, o.Name, o.Path, $"至 {left:yyyy-MM}"));
            }
            if (rng.NextDouble() < 0.10) { var o = all[rng.Next(all.Count)]; ties.Add(new(RelationKind.Relative, o.Id, o.Name, o.Path, "配偶")); }
            if (rng.NextDouble() < 0.05) { var o = units[rng.Next(units.Count)]; ties.Add(new(RelationKind.Conflict, o.Id, o.Name, o.Path, "申报")); }
            candidates.Add(new FormationCandidate(Id(rng), "人员" + i, home.Id, home.Name, home.Path, level, level >= 4 ? "副处" : "正科",
                leader, rng.NextDouble() < 0.15, profs, tours, Math.Min(tours, rng.Next(0, 4)), ties));
        }
        var leaders = candidates.Where(c => c.LeaderEligible).ToList();
        var targetList = units.Take(targets).Select(u => rng.NextDouble() < 0.3
            ? new FormationTarget(Id(rng), u.Id, u.Name, u.Path, leaders[rng.Next(leaders.Count)].Id, "上一轮")
            : new FormationTarget(Id(rng), u.Id, u.Name, u.Path)).ToList();
        var settings = new FormationSettings(4, "副处", 5, 7, 5,
            Professions.Where(p => p.Name is "党建" or "财务" or "审计" or "纪检").Select(p => (p.Id, p.Name)).ToList(),
            new PoolPolicy.Weights(40, 20, 10, 20, 10), Professions.ToDictionary(p => p.Id, p => p.Name));
        return new FormationInput(candidates, targetList, settings, groups, null);
    }

    private static (Guid Id, string Path, string Name) Org(Random rng, string path, string name) => (Id(rng), path, name);

    /// <summary>Ids from the seeded generator, so each scenario is the same pool every run.</summary>
    private static Guid Id(Random rng)
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
