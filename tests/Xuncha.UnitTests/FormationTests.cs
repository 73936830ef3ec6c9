using Xuncha.Pool;
using Xuncha.Pool.Formation;

namespace Xuncha.UnitTests;

/// <summary>Builders for small formation problems: an organisation tree by paths, candidates with ties.</summary>
internal static class F
{
    public static readonly Guid Party = Guid.Parse("00000000-0000-7000-8000-000000000401");
    public static readonly Guid Discipline = Guid.Parse("00000000-0000-7000-8000-000000000402");
    public static readonly Guid Finance = Guid.Parse("00000000-0000-7000-8000-000000000404");
    public static readonly Guid Audit = Guid.Parse("00000000-0000-7000-8000-000000000405");

    public static readonly Dictionary<Guid, string> ProfessionNames = new()
    {
        [Party] = "党建", [Discipline] = "纪检", [Finance] = "财务", [Audit] = "审计",
    };

    public static FormationSettings Settings(int min = 5, int max = 7, int leaderLevel = 4, PoolPolicy.Weights? w = null, params Guid[] required) => new(
        leaderLevel, "副处", min, max, 5,
        (required.Length == 0 ? [Party, Finance, Audit, Discipline] : required).Select(id => (id, ProfessionNames[id])).ToList(),
        w ?? new PoolPolicy.Weights(40, 20, 10, 20, 10), ProfessionNames);

    /// <summary>An organisation of the test tree: a path of names from the root, "/MD/CWC/CWC-1/".</summary>
    public sealed record Org(string Code, string Path)
    {
        public Guid Id { get; } = Guid.CreateVersion7();
        public string Name => Code;
    }

    public static readonly Org Root = new("MD", "/MD/");
    public static Org Under(Org parent, string code) => new(code, parent.Path + code + "/");

    public static FormationCandidate Person(string name, Org home, int level = 3, bool leader = false, bool fullTime = false, int tours = 0, int recent = 0,
        Guid[]? professions = null, params FormationTie[] ties) =>
        new(Guid.CreateVersion7(), name, home.Id, home.Name, home.Path, level, level >= 4 ? "副处" : "正科", leader, fullTime, professions ?? [], tours, recent,
            ties.Prepend(new FormationTie(null, home.Id, home.Name, home.Path, "")).ToList());

    public static FormationTie Tie(RelationKind kind, Org org, string detail = "") => new(kind, org.Id, org.Name, org.Path, detail);

    public static FormationTarget Target(Org org, Guid? previousLeader = null) => new(Guid.CreateVersion7(), org.Id, org.Name, org.Path, previousLeader, previousLeader is null ? null : "上一轮");
}

public class HardRuleTests
{
    private static readonly F.Org Finance = F.Under(F.Root, "CWC");
    private static readonly F.Org Branch = F.Under(Finance, "CWC-1");
    private static readonly F.Org Library = F.Under(F.Root, "TSG");
    private static readonly F.Org Maths = F.Under(F.Root, "SXY");

    [Fact]
    public void Ancestry_counts_both_ways_and_the_same_organisation_counts()
    {
        var atParent = F.Person("甲", Finance);
        var atBranch = F.Person("乙", Branch);
        var elsewhere = F.Person("丙", Library);
        HardRules.Conflicts(atParent, F.Target(Branch)).Single().Rule.ShouldBe(FormationRule.HomeOrganization);
        HardRules.Conflicts(atBranch, F.Target(Finance)).Single().Detail.ShouldBe("乙所在的“CWC-1”与巡察对象“CWC”是上下级关系，须回避。");
        HardRules.Conflicts(atParent, F.Target(Finance)).Single().Detail.ShouldBe("甲所在单位就是巡察对象“CWC”，须回避。");
        HardRules.Conflicts(elsewhere, F.Target(Finance)).ShouldBeEmpty();
        // the committee itself is above everything
        HardRules.Conflicts(F.Person("丁", F.Root), F.Target(Library)).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_past_organisation_counts_for_the_policys_years_after_leaving_and_not_after()
    {
        var today = new DateOnly(2026, 11, 21);
        HardRules.Counts(RelationKind.PastOrganization, new DateOnly(2021, 11, 21), today, 5).ShouldBeTrue();
        HardRules.Counts(RelationKind.PastOrganization, new DateOnly(2021, 11, 20), today, 5).ShouldBeFalse();
        HardRules.Counts(RelationKind.PastOrganization, null, today, 5).ShouldBeTrue();
        HardRules.Counts(RelationKind.PastOrganization, new DateOnly(2024, 1, 1), today, 0).ShouldBeFalse();
        HardRules.Counts(RelationKind.Relative, new DateOnly(2000, 1, 1), today, 5).ShouldBeTrue();
        var worked = F.Person("甲", Library, ties: F.Tie(RelationKind.PastOrganization, Branch, "2019-03 至 2023-06"));
        var e = HardRules.Conflicts(worked, F.Target(Finance)).Single();
        e.Rule.ShouldBe(FormationRule.PastOrganization);
        e.Detail.ShouldBe("甲曾在“CWC-1”任职（2019-03 至 2023-06），须回避巡察对象“CWC”。");
    }

    [Fact]
    public void A_relatives_organisation_and_a_declared_conflict_count_with_their_ancestry()
    {
        var withRelative = F.Person("甲", Library, ties: F.Tie(RelationKind.Relative, Branch, "配偶刘欣"));
        HardRules.Conflicts(withRelative, F.Target(Finance)).Single().Rule.ShouldBe(FormationRule.Relative);
        HardRules.Conflicts(withRelative, F.Target(Maths)).ShouldBeEmpty();
        var declared = F.Person("乙", Library, ties: F.Tie(RelationKind.Conflict, Maths, "承担委托课题"));
        var c = HardRules.Conflicts(declared, F.Target(Maths)).Single();
        c.Rule.ShouldBe(FormationRule.DeclaredConflict);
        c.Detail.ShouldContain("承担委托课题");
    }

    [Fact]
    public void The_leader_must_be_eligible_senior_enough_and_not_lead_the_same_target_twice_in_a_row()
    {
        var s = F.Settings();
        var notEligible = F.Person("甲", Library, level: 5);
        var junior = F.Person("乙", Library, level: 3, leader: true);
        var ledLast = F.Person("丙", Library, level: 5, leader: true);
        var fine = F.Person("丁", Library, level: 4, leader: true);
        var target = F.Target(Finance, previousLeader: ledLast.Id);
        HardRules.LeaderProblems(notEligible, [target], s).Single().Rule.ShouldBe(FormationRule.NotLeaderEligible);
        HardRules.LeaderProblems(junior, [target], s).Single().Detail.ShouldBe("乙的职级为正科，组长须为副处及以上。");
        HardRules.LeaderProblems(ledLast, [target], s).Single().Rule.ShouldBe(FormationRule.LedLastTime);
        HardRules.LeaderProblems(ledLast, [F.Target(Maths)], s).ShouldBeEmpty();
        HardRules.LeaderProblems(fine, [target], s).ShouldBeEmpty();
    }

    [Fact]
    public void Someone_on_another_tour_at_the_same_time_breaks_a_hard_rule_explained()
    {
        var busy = F.Person("周忙", Library, level: 5, leader: true) with { Busy = "周忙同期在“专项巡察”第一巡察组任组长（进驻 2026-11-01 至 2026-12-15），与本轮进驻时间重叠，不能同时参加。" };
        var others = Enumerable.Range(0, 4).Select(i => F.Person("人" + i, Maths)).ToList();
        var people = others.Append(busy).ToDictionary(p => p.Id);
        var draft = new HardRules.GroupDraft([F.Target(Finance)], busy.Id, [], others.Select(o => o.Id).ToList());
        var found = HardRules.Check([draft], people, F.Settings(min: 5));
        found.Single(v => v.Rule == FormationRule.Busy).Message.ShouldContain("同期在“专项巡察”");
        found.Single(v => v.Rule == FormationRule.Busy).CandidateId.ShouldBe(busy.Id);
    }

    [Fact]
    public void A_set_of_groups_is_checked_for_size_people_in_two_groups_strangers_and_deputies()
    {
        var s = F.Settings(min: 3, max: 4);
        var people = Enumerable.Range(0, 8).Select(i => F.Person("人" + i, Library, level: 4, leader: i < 2)).ToList();
        var byId = people.ToDictionary(p => p.Id);
        var stranger = Guid.NewGuid();
        var groups = new[]
        {
            new HardRules.GroupDraft([F.Target(Finance)], people[0].Id, [people[2].Id], [people[3].Id, people[4].Id, people[5].Id]),
            new HardRules.GroupDraft([F.Target(Maths)], people[1].Id, [], [people[5].Id, stranger]),
            new HardRules.GroupDraft([F.Target(Maths)], null, [], []),
        };
        var v = HardRules.Check(groups, byId, s, new Dictionary<Guid, string> { [stranger] = "外人" });
        v.ShouldContain(x => x.Rule == FormationRule.GroupTooLarge && x.Message.Contains("第一巡察组共 5 人"));
        v.ShouldContain(x => x.Rule == FormationRule.InTwoGroups && x.Message == "人5已在第一巡察组，不能同时在第二巡察组。");
        v.ShouldContain(x => x.Rule == FormationRule.NotInPool && x.Message.Contains("外人"));
        v.ShouldContain(x => x.Rule == FormationRule.NotLeaderEligible && x.CandidateId == people[2].Id);
        v.ShouldContain(x => x.Rule == FormationRule.NoLeader && x.Message.Contains("第三巡察组"));
        v.ShouldContain(x => x.Rule == FormationRule.GroupTooSmall && x.Message.Contains("第三巡察组共 0 人"));
    }
}

public class FormationSolverTests
{
    private static readonly F.Org[] Units = Enumerable.Range(0, 12).Select(i => F.Under(F.Root, "U" + i)).ToArray();

    /// <summary>A random pool over the test tree; seeded, so each case is the same every run.</summary>
    private static FormationInput RandomInput(int seed, int people, int targets, int groups, int min, int max, double conflictRate = 0.15)
    {
        var rng = new Random(seed);
        Guid[] professions = [F.Party, F.Finance, F.Audit, F.Discipline];
        var targetOrgs = Units.Take(targets).ToArray();
        var list = new List<FormationCandidate>();
        for (var i = 0; i < people; i++)
        {
            var home = Units[rng.Next(Units.Length)];
            var ties = new List<FormationTie>();
            if (rng.NextDouble() < conflictRate) ties.Add(F.Tie(RelationKind.Relative, targetOrgs[rng.Next(targets)], "亲属"));
            var profs = professions.Where(_ => rng.NextDouble() < 0.3).ToArray();
            var tours = rng.Next(0, 4);
            list.Add(F.Person("人" + i, home, level: rng.Next(2, 6), leader: rng.NextDouble() < 0.35, fullTime: rng.NextDouble() < 0.3, tours: tours,
                recent: Math.Min(tours, rng.Next(0, 3)), professions: profs, ties: ties.ToArray()));
        }
        return new FormationInput(list, targetOrgs.Select(o => F.Target(o)).ToList(), F.Settings(min, max), groups, null);
    }

    [Fact]
    public void On_small_cases_the_solver_finds_the_optimum_an_exhaustive_search_finds()
    {
        var checkedCases = 0;
        for (var seed = 1; checkedCases < 30 && seed < 200; seed++)
        {
            var input = RandomInput(seed, people: 7 + seed % 3, targets: 2, groups: 2, min: 2, max: 3 + seed % 2, conflictRate: 0.25);
            var best = Exhaustive(input);
            if (best is null)
            {
                Should.Throw<FormationImpossibleException>(() => FormationSolver.Propose(input));
                continue;
            }
            var proposal = FormationSolver.Propose(input);
            proposal.Score.ShouldBe(Math.Round(best.Value, 1), 0.051, $"seed {seed}");
            checkedCases++;
        }
        checkedCases.ShouldBe(30);
    }

    /// <summary>Every assignment of people to two groups (or none), every leader: the best score that keeps every hard rule.</summary>
    private static double? Exhaustive(FormationInput input)
    {
        var p = new FormationProblem(input);
        int[][] partitions = [[0], [1]];
        var best = (double?)null;
        var assign = new int[p.C];
        var total = (int)Math.Pow(3, p.C);
        for (var code = 0; code < total; code++)
        {
            var x = code;
            for (var c = 0; c < p.C; c++) { assign[c] = x % 3 - 1; x /= 3; }
            var groups = new List<int>[] { [], [] };
            var ok = true;
            for (var c = 0; c < p.C && ok; c++)
            {
                if (assign[c] < 0) continue;
                if (p.Conflicts(c, partitions[assign[c]])) ok = false;
                else groups[assign[c]].Add(c);
            }
            if (!ok || groups.Any(g => g.Count < input.Settings.MinSize || g.Count > input.Settings.MaxSize)) continue;
            if (!groups.Select((g, i) => g.Any(c => p.CanLead(c, partitions[i]))).All(b => b)) continue;
            var score = p.Total(groups);
            if (best is null || score > best) best = score;
        }
        return best;
    }

    [Fact]
    public void The_same_input_gives_the_same_proposal_in_whatever_order_it_comes()
    {
        var input = RandomInput(7, people: 60, targets: 8, groups: 2, min: 5, max: 7);
        var a = FormationSolver.Propose(input);
        var b = FormationSolver.Propose(input);
        var shuffled = FormationSolver.Propose(input with { Candidates = input.Candidates.Reverse().ToList() });
        string Key(FormationProposal p) => string.Join("|", p.Groups.Select(g => string.Join(",", g.Members.Select(m => $"{m.Id}:{m.Role}")))) + $"#{p.Score}";
        Key(b).ShouldBe(Key(a));
        Key(shuffled).ShouldBe(Key(a));
    }

    [Fact]
    public void No_proposal_on_hundreds_of_random_pools_breaks_a_hard_rule()
    {
        var proposals = 0;
        for (var seed = 100; seed < 400; seed++)
        {
            var rng = new Random(seed);
            var groups = rng.Next(1, 4);
            var input = RandomInput(seed, people: rng.Next(12, 45), targets: rng.Next(groups, 9), groups: groups, min: 4, max: 6, conflictRate: rng.NextDouble() * 0.5);
            FormationProposal proposal;
            try
            {
                proposal = FormationSolver.Propose(input);
            }
            catch (FormationImpossibleException e)
            {
                e.Reasons.ShouldNotBeEmpty();
                continue;
            }
            proposals++;
            var drafts = proposal.Groups.Select(g => new HardRules.GroupDraft(g.Targets,
                g.Members.Single(m => m.Role == ProposedRole.Leader).Id, g.Members.Where(m => m.Role == ProposedRole.Deputy).Select(m => m.Id).ToList(),
                g.Members.Where(m => m.Role == ProposedRole.Member).Select(m => m.Id).ToList())).ToList();
            HardRules.Check(drafts, input.Candidates.ToDictionary(c => c.Id), input.Settings).ShouldBeEmpty($"seed {seed}");
            proposal.Groups.SelectMany(g => g.Targets).Select(t => t.Id).Order().ShouldBe(input.Targets.Select(t => t.Id).Order(), $"seed {seed}");
        }
        proposals.ShouldBeGreaterThan(150);
    }

    [Fact]
    public void Where_greedy_first_fit_misses_the_goals_the_proposal_scores_higher_and_explains_itself()
    {
        var home = Units[11];
        var target = F.Target(Units[0]);
        // first in id order: five of a kind (no professions, all veterans, all part-time); later: what the goals want
        var people = new List<FormationCandidate> { F.Person("老组长", home, level: 5, leader: true, tours: 3, recent: 2) };
        for (var i = 0; i < 6; i++) people.Add(F.Person("同类" + i, home, tours: 2, recent: 2));
        people.Add(F.Person("财务新人", Units[5], professions: [F.Finance], fullTime: true));
        people.Add(F.Person("审计老手", Units[6], tours: 1, professions: [F.Audit]));
        people.Add(F.Person("党建骨干", Units[7], professions: [F.Party, F.Discipline]));
        people.Add(F.Person("新组长", Units[8], level: 4, leader: true, professions: [F.Party]));
        var input = new FormationInput(people, [target], F.Settings(), 1, null);
        var proposal = FormationSolver.Propose(input);
        proposal.GreedyScore.ShouldNotBeNull();
        proposal.Score.ShouldBeGreaterThanOrEqualTo(proposal.GreedyScore!.Value * 1.2); // ids are random per run, so the search (seeded by them) may stop at exactly +20 %
        var group = proposal.Groups.Single();
        group.UnmetGoals.ShouldBeEmpty();
        group.Members.ShouldContain(m => m.Name == "财务新人" && m.Reasons.Contains("本组唯一的财务人员"));
        group.Members.ShouldContain(m => m.Name == "财务新人" && m.Reasons.Contains("首次参加巡察（以老带新中的“新”）"));
        proposal.Exclusions.Single().Excluded.ShouldBeEmpty();
    }

    [Fact]
    public void Unmet_goals_say_why_no_unconflicted_auditor_was_left()
    {
        var target = F.Target(Units[0]);
        var people = Enumerable.Range(0, 6).Select(i => F.Person("甲" + i, Units[3], level: i == 0 ? 5 : 3, leader: i == 0, professions: [F.Party, F.Finance, F.Discipline])).ToList();
        people.Add(F.Person("审计乙", Units[0], professions: [F.Audit])); // works in the target
        var proposal = FormationSolver.Propose(new FormationInput(people, [target], F.Settings(), 1, null));
        var unmet = proposal.Groups.Single().UnmetGoals;
        unmet.ShouldContain("缺少审计人员：没有与本组巡察对象无回避关系的审计人员");
        proposal.Exclusions.Single().Excluded.Single().Name.ShouldBe("审计乙");
        proposal.Exclusions.Single().Counts[FormationRule.HomeOrganization].ShouldBe(1);
    }

    [Fact]
    public void Constraints_that_cannot_hold_are_explained_never_half_answered()
    {
        var target = F.Target(Units[0]);
        // every leader-eligible person works in the target
        var people = Enumerable.Range(0, 8).Select(i => F.Person("人" + i, i < 3 ? Units[0] : Units[4], level: 5, leader: i < 3)).ToList();
        var e = Should.Throw<FormationImpossibleException>(() => FormationSolver.Propose(new FormationInput(people, [target], F.Settings(), 1, null)));
        e.Reasons.ShouldContain(r => r.Contains("第一巡察组") && r.Contains("没有可任组长的人员") && r.Contains("3 人须回避"));
        // the counts name their people
        var shortage = e.Details.Single(d => d.Reason.Contains("没有可任组长的人员"));
        shortage.People.Single(x => x.Rule == "须回避的组长库人员").Names.ShouldBe(["人0", "人1", "人2"], ignoreOrder: true);
        shortage.People.Single(x => x.Rule == "不在组长库").Names.Count.ShouldBe(5);

        var few = Enumerable.Range(0, 7).Select(i => F.Person("人" + i, Units[4], level: 5, leader: true)).ToList();
        var e2 = Should.Throw<FormationImpossibleException>(() =>
            FormationSolver.Propose(new FormationInput(few, [F.Target(Units[0]), F.Target(Units[1])], F.Settings(), 2, null)));
        e2.Reasons.ShouldContain(r => r.Contains("共需 10 人") && r.Contains("只有 7 人"));

        Should.Throw<Xuncha.Common.ValidationException>(() => FormationSolver.Propose(new FormationInput(few, [F.Target(Units[0])], F.Settings(), 2, null)))
            .Errors["groups"][0].ShouldContain("不能多于巡察对象数");
        var grouping = new FormationInput(few, [F.Target(Units[0]), F.Target(Units[1])], F.Settings(), null, [[Guid.NewGuid()]]);
        Should.Throw<Xuncha.Common.ValidationException>(() => FormationSolver.Propose(grouping)).Errors["grouping"].ShouldContain("分组中有不属于本轮的巡察对象。");
    }

    [Fact]
    public void A_given_grouping_of_targets_is_kept()
    {
        var input = RandomInput(11, people: 50, targets: 6, groups: 2, min: 5, max: 6);
        var t = input.Targets;
        var grouping = new[] { new[] { t[0].Id, t[5].Id }, new[] { t[1].Id, t[2].Id, t[3].Id, t[4].Id } };
        var proposal = FormationSolver.Propose(input with { GroupCount = null, Grouping = grouping });
        proposal.Groups.Select(g => g.Targets.Select(x => x.Id).Order().ToArray()).ShouldBe(grouping.Select(g => g.Order().ToArray()));
    }
}
