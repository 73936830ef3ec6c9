using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Pool.Formation;
using Xuncha.Rounds;

namespace Xuncha.Pool;

public sealed record GroupPlanInput(string? Name, Guid? LeaderId, IReadOnlyList<Guid>? DeputyIds, IReadOnlyList<Guid>? MemberIds, IReadOnlyList<Guid>? TargetIds);

/// <summary>
/// Group formation for a draft round: a proposal from the pool (with its explanation and the greedy
/// baseline's score), the score of groups as the office edited them, and applying a set of groups — each
/// re-checked against every hard rule, all or nothing.
/// </summary>
public sealed class FormationService(XunchaDbContext db, FormationData data, GroupService groups)
{
    public async Task<FormationProposal> ProposeAsync(Guid roundId, int? groupCount, IReadOnlyList<IReadOnlyList<Guid>>? grouping, bool currentGrouping,
        CancellationToken ct = default)
    {
        var (round, input) = await InputAsync(roundId, ct);
        if (currentGrouping)
        {
            var assigned = await db.RoundTargets.AsNoTracking().Where(t => t.RoundId == roundId && t.GroupId != null)
                .Join(db.Groups, t => t.GroupId, g => g.Id, (t, g) => new { t.Id, g.Number }).ToListAsync(ct);
            if (assigned.Count == 0) throw new ValidationException("grouping", Messages.Formation_NoCurrentGrouping);
            grouping = assigned.GroupBy(a => a.Number).OrderBy(g => g.Key).Select(g => (IReadOnlyList<Guid>)g.Select(a => a.Id).ToList()).ToList();
        }
        if (groupCount is null && grouping is null) throw new ValidationException("groups", Messages.Error_Required);
        var result = FormationSolver.Propose(input with { GroupCount = grouping is null ? groupCount : null, Grouping = grouping });
        db.Record("formation-proposed", "rounds", round.Id.ToString(), detail: new { groups = result.Groups.Count, result.Score, result.GreedyScore });
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>One edited group: the rules it breaks, its score and goals, and its members explained as in a proposal.</summary>
    public sealed record GroupCheck(int Index, IReadOnlyList<string> Violations, double Score, IReadOnlyList<GoalScore> Goals, ProposedGroup? Explained = null);

    /// <summary>The edited groups: each checked and explained, and the score of the whole as a proposal's.</summary>
    public sealed record Checked(IReadOnlyList<GroupCheck> Groups, double Score)
    {
        public int Broken => Groups.Sum(g => g.Violations.Count);
    }

    /// <summary>
    /// Every hard rule a set of (edited) groups would break, group by group, and each group's score — nothing is
    /// written. People in two of these groups, or already in another group of the round, are caught too.
    /// </summary>
    public async Task<Checked> CheckAllAsync(Guid roundId, IReadOnlyList<GroupPlanInput> plans, CancellationToken ct = default)
    {
        var (round, input) = await InputAsync(roundId, ct);
        var ids = plans.SelectMany(Everyone).Distinct().ToList();
        var pool = await data.CandidatesAsync(round.CommitteeId, await data.PolicyAsync(round.CommitteeId, ct), round, ids, ct);
        var active = await db.PoolMembers.Where(m => ids.Contains(m.Id) && m.Status == MemberStatus.Active).Select(m => m.Id).ToListAsync(ct);
        var people = pool.Available.Where(c => active.Contains(c.Id)).ToDictionary(c => c.Id);
        var targets = input.Targets.ToDictionary(t => t.Id);
        var scoring = input with { Candidates = input.Candidates.Concat(people.Values.Where(p => input.Candidates.All(c => c.Id != p.Id))).ToList() };
        var result = new List<GroupCheck>();
        var explained = FormationSolver.ExplainGroups(scoring, plans.Select(x =>
            new FormationSolver.Drafted(x.TargetIds ?? [], x.LeaderId, x.DeputyIds ?? [], x.MemberIds ?? [])).ToList());
        for (var i = 0; i < plans.Count; i++)
        {
            var p = plans[i];
            var draft = new HardRules.GroupDraft((p.TargetIds ?? []).Where(targets.ContainsKey).Select(t => targets[t]).ToList(), p.LeaderId, p.DeputyIds ?? [], p.MemberIds ?? []);
            var messages = HardRules.Check([draft], people, input.Settings, pool.Names, [FormationSolverNames.Nth(i)]).Select(v => v.Message).ToList();
            for (var j = 0; j < plans.Count; j++)
            {
                if (j == i) continue;
                foreach (var twice in Everyone(p).Intersect(Everyone(plans[j])))
                    messages.Add(string.Format(Messages.Rule_InTwoGroups, pool.Names.GetValueOrDefault(twice), FormationSolverNames.Nth(j), FormationSolverNames.Nth(i)));
            }
            var (score, goals) = FormationSolver.ScoreOf(scoring, Everyone(p).ToList());
            result.Add(new GroupCheck(i, messages.Distinct().ToList(), score, goals, explained.Groups[i]));
        }
        return new Checked(result, explained.Score);
    }

    private static IEnumerable<Guid> Everyone(GroupPlanInput p) =>
        (p.LeaderId is { } l ? new[] { l } : []).Concat(p.DeputyIds ?? []).Concat(p.MemberIds ?? []);

    /// <summary>The goals' score of one group as written (for a proposal the office is editing).</summary>
    public async Task<(double Score, IReadOnlyList<GoalScore> Goals)> ScoreAsync(Guid roundId, IReadOnlyList<Guid> memberIds, CancellationToken ct = default)
    {
        var (_, input) = await InputAsync(roundId, ct);
        return FormationSolver.ScoreOf(input, memberIds);
    }

    /// <summary>Replaces the round's groups with these, each re-checked against every hard rule; nothing is written if one fails.</summary>
    public async Task ApplyAsync(Guid roundId, IReadOnlyList<GroupPlanInput> plans, uint? version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        if (plans.Count == 0) throw new ValidationException("groups", Messages.Round_NeedsGroups);
        await db.InTransactionAsync(async () =>
        {
            var round = await db.ForUpdateAsync(db.Rounds, r => r.Id == roundId, version, ct);
            round.EnsureDraft();
            var existing = await db.Groups.Where(g => g.RoundId == roundId).Select(g => g.Id).ToListAsync(ct);
            foreach (var id in existing) await groups.DeleteAsync(roundId, id, ct);
            var errors = new Dictionary<string, string[]>();
            for (var i = 0; i < plans.Count; i++)
            {
                var p = plans[i];
                try
                {
                    await groups.SaveAsync(roundId, null, new GroupInput(p.Name, p.LeaderId, p.DeputyIds, p.MemberIds, p.TargetIds), null, ct);
                }
                catch (ValidationException e)
                {
                    var label = FormationSolverNames.Nth(i);
                    errors[$"groups[{i}]"] = e.Errors.SelectMany(x => x.Value).Select(m => m.StartsWith(label, StringComparison.Ordinal) ? m : $"{label}：{m}").ToArray();
                    db.ChangeTracker.Clear();
                }
            }
            if (errors.Count > 0) throw new ValidationException(errors);
            db.Entry(round).State = EntityState.Modified;
            db.Record("formation-applied", "rounds", roundId.ToString(), detail: new { groups = plans.Count });
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    private async Task<(Round, FormationInput)> InputAsync(Guid roundId, CancellationToken ct)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        round.EnsureDraft();
        var policy = await data.PolicyAsync(round.CommitteeId, ct);
        var settings = await data.SettingsAsync(policy, ct);
        var pool = await data.CandidatesAsync(round.CommitteeId, policy, round, null, ct);
        var targets = await data.TargetsAsync(round, ct);
        return (round, new FormationInput(pool.Available, targets, settings, null, null, pool.Unavailable));
    }
}

/// <summary>Group names in messages: a single group is checked as the first; say which one it really is.</summary>
internal static class FormationSolverNames
{
    public static string Nth(int i) => string.Format(Messages.Group_DefaultName, Numerals.Chinese(i + 1));
}
