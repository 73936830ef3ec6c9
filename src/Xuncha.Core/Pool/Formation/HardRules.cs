using Xuncha.Common;

namespace Xuncha.Pool.Formation;

/// <summary>
/// The rules no group may break. Avoidance (回避): nobody inspects an organisation they belong to, belonged to
/// within the policy's years, where a relative works, or with which they declared a conflict — and an
/// organisation's ancestors and descendants count as the organisation (ancestry both ways). The 组长 (and a
/// 副组长) must be leader-eligible, the 组长 of at least the policy's rank and not the one who led the same
/// target's group the last time; a group's size stays within the policy; nobody serves in two groups, nor in a
/// group of another round whose fieldwork overlaps this one's.
/// </summary>
public static class HardRules
{
    /// <summary>Paths list the ids from the root down, so one organisation is above the other when its path is a prefix.</summary>
    public static bool Related(string a, string b) => a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);

    /// <summary>
    /// Whether a relation still counts for avoidance today: relatives and declared conflicts always; a past
    /// organisation until the policy's number of years after the member left it (an open end counts).
    /// </summary>
    public static bool Counts(RelationKind kind, DateOnly? leftOn, DateOnly today, int years) =>
        kind != RelationKind.PastOrganization || leftOn is not { } left || left >= today.AddYears(-years);

    public static FormationRule RuleOf(RelationKind? kind) => kind switch
    {
        null => FormationRule.HomeOrganization,
        RelationKind.PastOrganization => FormationRule.PastOrganization,
        RelationKind.Relative => FormationRule.Relative,
        _ => FormationRule.DeclaredConflict,
    };

    /// <summary>Every avoidance reason that keeps the candidate from the target (empty when none).</summary>
    public static IEnumerable<Exclusion> Conflicts(FormationCandidate c, FormationTarget t)
    {
        foreach (var tie in c.Ties)
            if (Related(tie.Path, t.Path))
                yield return new Exclusion(c.Id, c.Name, RuleOf(tie.Kind), Describe(c, tie, t));
    }

    public static bool Conflicts(FormationCandidate c, IEnumerable<FormationTarget> targets) => targets.Any(t => Conflicts(c, t).Any());

    /// <summary>Why the candidate may not lead a group inspecting these targets (empty when they may).</summary>
    public static IEnumerable<Exclusion> LeaderProblems(FormationCandidate c, IReadOnlyList<FormationTarget> targets, FormationSettings s)
    {
        if (!c.LeaderEligible) yield return new Exclusion(c.Id, c.Name, FormationRule.NotLeaderEligible, string.Format(Messages.Rule_NotLeaderEligible, c.Name));
        else if (c.RankLevel < s.LeaderMinLevel)
            yield return new Exclusion(c.Id, c.Name, FormationRule.RankTooLow, string.Format(Messages.Rule_RankTooLow, c.Name, c.RankName, s.LeaderMinRankName));
        foreach (var t in targets.Where(t => t.PreviousLeaderId == c.Id))
            yield return new Exclusion(c.Id, c.Name, FormationRule.LedLastTime, string.Format(Messages.Rule_LedLastTime, c.Name, t.PreviousRound, t.Name));
    }

    public sealed record GroupDraft(IReadOnlyList<FormationTarget> Targets, Guid? LeaderId, IReadOnlyList<Guid> DeputyIds, IReadOnlyList<Guid> MemberIds);

    /// <summary>
    /// Every hard rule a set of groups breaks, each with who and why. People are looked up among the
    /// candidates; someone not there is not (or no longer) in the pool.
    /// </summary>
    public static IReadOnlyList<Violation> Check(IReadOnlyList<GroupDraft> groups, IReadOnlyDictionary<Guid, FormationCandidate> people,
        FormationSettings s, IReadOnlyDictionary<Guid, string>? names = null, IReadOnlyList<string>? labels = null)
    {
        string Label(int i) => labels?.ElementAtOrDefault(i) ?? string.Format(Messages.Group_DefaultName, Numerals.Chinese(i + 1));
        var found = new List<Violation>();
        var seen = new Dictionary<Guid, int>();
        for (var gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            var label = Label(gi);
            var everyone = (g.LeaderId is { } l ? new[] { l } : []).Concat(g.DeputyIds).Concat(g.MemberIds).ToList();
            if (g.LeaderId is null) found.Add(new Violation(FormationRule.NoLeader, null, string.Format(Messages.Rule_NoLeader, label)));
            if (everyone.Count < s.MinSize) found.Add(new Violation(FormationRule.GroupTooSmall, null, string.Format(Messages.Rule_GroupTooSmall, label, everyone.Count, s.MinSize)));
            if (everyone.Count > s.MaxSize) found.Add(new Violation(FormationRule.GroupTooLarge, null, string.Format(Messages.Rule_GroupTooLarge, label, everyone.Count, s.MaxSize)));
            foreach (var id in everyone)
            {
                if (seen.TryGetValue(id, out var other))
                {
                    var name = people.TryGetValue(id, out var pp) ? pp.Name : names?.GetValueOrDefault(id) ?? id.ToString();
                    found.Add(new Violation(FormationRule.InTwoGroups, id, other == gi
                        ? string.Format(Messages.Rule_Twice, name, label)
                        : string.Format(Messages.Rule_InTwoGroups, name, Label(other), label)));
                    continue;
                }
                seen[id] = gi;
                if (!people.TryGetValue(id, out var p))
                {
                    found.Add(new Violation(FormationRule.NotInPool, id, string.Format(Messages.Rule_NotInPool, names?.GetValueOrDefault(id) ?? id.ToString())));
                    continue;
                }
                if (p.Busy is { } busy) found.Add(new Violation(FormationRule.Busy, id, busy));
                foreach (var t in g.Targets)
                foreach (var e in Conflicts(p, t))
                    found.Add(new Violation(e.Rule, id, e.Detail));
            }
            if (g.LeaderId is { } leader && people.TryGetValue(leader, out var lp))
                found.AddRange(LeaderProblems(lp, g.Targets, s).Select(e => new Violation(e.Rule, leader, e.Detail)));
            foreach (var d in g.DeputyIds.Where(people.ContainsKey).Select(d => people[d]).Where(d => !d.LeaderEligible))
                found.Add(new Violation(FormationRule.NotLeaderEligible, d.Id, string.Format(Messages.Rule_DeputyNotEligible, d.Name)));
        }
        return found;
    }

    private static string Describe(FormationCandidate c, FormationTie tie, FormationTarget t)
    {
        var same = tie.OrganizationId == t.OrganizationId;
        return tie.Kind switch
        {
            null => same ? string.Format(Messages.Rule_Home, c.Name, t.Name) : string.Format(Messages.Rule_HomeRelated, c.Name, tie.OrganizationName, t.Name),
            RelationKind.PastOrganization => string.Format(Messages.Rule_Past, c.Name, tie.OrganizationName, tie.Detail, t.Name),
            RelationKind.Relative => string.Format(Messages.Rule_Relative, c.Name, tie.Detail, tie.OrganizationName, t.Name),
            _ => string.Format(Messages.Rule_Conflict, c.Name, tie.OrganizationName, tie.Detail, t.Name),
        };
    }
}
