using System.Numerics;

namespace Xuncha.Pool.Formation;

/// <summary>Turns a solution into a proposal a person can check: why each one, who was ruled out and why, what is missing and why.</summary>
internal static class Explain
{
    /// <param name="deputies">The deputies the office chose (edited groups); by default the most senior leader-eligible member.</param>
    public static FormationProposal Build(FormationProblem p, FormationSolver.State s, double? greedy, string greedyNote, long iterations,
        IReadOnlySet<int>? deputies = null)
    {
        var g = s.G;
        var groups = new List<ProposedGroup>();
        var w = p.S.Weights;
        double[] max = [w.Coverage, w.Mentoring, w.Mix, w.Fairness, w.Diversity];
        var sum = 0.0;
        for (var i = 0; i < g; i++)
        {
            var members = s.Members[i];
            var parts = new double[5];
            var score = p.Score(members, parts);
            sum += score;
            var deputy = members.Skip(1).Where(c => p.Candidates[c].LeaderEligible)
                .OrderByDescending(c => p.Candidates[c].RankLevel).ThenByDescending(c => p.Candidates[c].TotalTours).ThenBy(c => c).FirstOrDefault(-1);
            bool IsDeputy(int c) => deputies?.Contains(c) ?? c == deputy;
            var proposed = members.Select((c, k) => Member(p, members, c, k == 0 ? ProposedRole.Leader : IsDeputy(c) ? ProposedRole.Deputy : ProposedRole.Member)).ToList();
            var goals = Enumerable.Range(0, 5).Select(k => new GoalScore((FormationGoal)k, Math.Round(parts[k], 2), max[k])).ToList();
            groups.Add(new ProposedGroup(i + 1, s.Targets[i].Select(t => p.Targets[t]).ToList(),
                proposed.OrderBy(m => m.Role).ToList(), Math.Round(w.Total == 0 ? 0 : 100 * score / w.Total, 1), goals, Unmet(p, s, i)));
        }
        var total = g == 0 || w.Total == 0 ? 0 : Math.Round(100 * sum / (g * w.Total), 1);
        return new FormationProposal(groups, total, greedy, greedyNote, Exclusions(p), p.Input.Unavailable ?? [], p.C, iterations);
    }

    private static ProposedMember Member(FormationProblem p, List<int> group, int c, ProposedRole role)
    {
        var x = p.Candidates[c];
        var reasons = new List<string>();
        if (role == ProposedRole.Leader) reasons.Add(string.Format(Messages.Why_Leader, x.RankName));
        if (role == ProposedRole.Deputy) reasons.Add(string.Format(Messages.Why_Deputy, x.RankName));
        var professions = x.Professions.Where(p.S.ProfessionNames.ContainsKey).Select(id => p.S.ProfessionNames[id]).ToList();
        var only = new List<string>();
        for (var b = 0; b < p.RequiredCount; b++)
        {
            var bit = 1UL << b;
            if ((p.Required[c] & bit) != 0 && group.Count(o => (p.Required[o] & bit) != 0) == 1) only.Add(p.S.RequiredProfessions[b].Name);
        }
        if (only.Count > 0) reasons.Add(string.Format(Messages.Why_OnlyProfession, string.Join("、", only)));
        else if (professions.Count > 0) reasons.Add(string.Format(Messages.Why_Professions, string.Join("、", professions)));
        reasons.Add(x.IsVeteran ? string.Format(Messages.Why_Veteran, x.TotalTours) : Messages.Why_FirstTimer);
        reasons.Add(x.FullTime ? Messages.Why_FullTime : Messages.Why_PartTime);
        reasons.Add(x.RecentTours == 0 ? Messages.Why_NotRecently : string.Format(Messages.Why_Recent, x.RecentTours));
        return new ProposedMember(x.Id, x.Name, x.HomeName, x.RankName, role, professions, x.FullTime, x.TotalTours, x.RecentTours, reasons);
    }

    /// <summary>The goals a group misses, and why it could not do better.</summary>
    private static List<string> Unmet(FormationProblem p, FormationSolver.State s, int g)
    {
        var members = s.Members[g];
        var notes = new List<string>();
        ulong mask = 0;
        foreach (var c in members) mask |= p.Required[c];
        for (var b = 0; b < p.RequiredCount; b++)
        {
            var bit = 1UL << b;
            if ((mask & bit) != 0) continue;
            var name = p.S.RequiredProfessions[b].Name;
            var usable = Enumerable.Range(0, p.C).Where(c => (p.Required[c] & bit) != 0 && s.Usable[c * s.G + g]).ToList();
            if (usable.Count == 0) notes.Add(string.Format(Messages.Unmet_NoneUsable, name));
            else if (usable.All(c => s.Assigned[c] >= 0))
                notes.Add(string.Format(Messages.Unmet_AllElsewhere, name, usable.Count,
                    string.Join("、", usable.Select(c => FormationSolver.GroupName(s.Assigned[c])).Distinct())));
            else notes.Add(string.Format(Messages.Unmet_Tradeoff, name));
        }
        bool vet = members.Any(c => p.Veteran[c]), fresh = members.Any(c => !p.Veteran[c]);
        if (!vet) notes.Add(Reason(p, s, g, c => p.Veteran[c], Messages.Unmet_NoVeteran));
        if (!fresh) notes.Add(Reason(p, s, g, c => !p.Veteran[c], Messages.Unmet_NoFirstTimer));
        bool full = members.Any(c => p.FullTime[c]), part = members.Any(c => !p.FullTime[c]);
        if (!full) notes.Add(Reason(p, s, g, c => p.FullTime[c], Messages.Unmet_NoFullTime));
        if (!part) notes.Add(Reason(p, s, g, c => !p.FullTime[c], Messages.Unmet_NoPartTime));
        foreach (var same in members.GroupBy(c => p.Unit[c]).Where(x => x.Count() > 1))
            notes.Add(string.Format(Messages.Unmet_SameUnit, same.Count(), p.Candidates[same.First()].HomeName));
        return notes;
    }

    private static string Reason(FormationProblem p, FormationSolver.State s, int g, Func<int, bool> wanted, string what)
    {
        var usable = Enumerable.Range(0, p.C).Where(c => wanted(c) && s.Usable[c * s.G + g]).ToList();
        var why = usable.Count == 0 ? Messages.Unmet_WhyNone
            : usable.All(c => s.Assigned[c] >= 0) ? string.Format(Messages.Unmet_WhyElsewhere, usable.Count)
            : Messages.Unmet_WhyTradeoff;
        return what + why;
    }

    /// <summary>For each target, every candidate ruled out and by which rule (avoidance for all; rotation for leaders).</summary>
    private static List<TargetExclusions> Exclusions(FormationProblem p)
    {
        var list = new List<TargetExclusions>();
        foreach (var t in p.Targets)
        {
            var excluded = new List<Exclusion>();
            foreach (var c in p.Candidates)
            {
                excluded.AddRange(HardRules.Conflicts(c, t));
                if (t.PreviousLeaderId == c.Id)
                    excluded.Add(new Exclusion(c.Id, c.Name, FormationRule.LedLastTime, string.Format(Messages.Rule_LedLastTime, c.Name, t.PreviousRound, t.Name)));
            }
            list.Add(new TargetExclusions(t.Id, t.Name, excluded));
        }
        return list;
    }

    internal static int Bits(ulong x) => BitOperations.PopCount(x);
}
