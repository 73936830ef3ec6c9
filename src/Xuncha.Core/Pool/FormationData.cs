using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Pool.Formation;
using Xuncha.Rounds;

namespace Xuncha.Pool;

/// <summary>
/// Loads what group formation and the group checks need: the committee's policy, the pool's members with
/// their ties to organisations (their own, past ones within the policy's years, relatives', declared
/// conflicts) and their tours, and a round's targets with who led each of them the last time.
/// </summary>
public sealed class FormationData(XunchaDbContext db, TimeProvider clock)
{
    public async Task<PoolPolicy> PolicyAsync(Guid committeeId, CancellationToken ct) =>
        await db.PoolPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.CommitteeId == committeeId, ct) ?? PoolPolicy.Default(committeeId);

    public async Task<FormationSettings> SettingsAsync(PoolPolicy policy, CancellationToken ct)
    {
        var ranks = await db.PoolRanks.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Level).ToListAsync(ct);
        var minRank = ranks.FirstOrDefault(r => r.Level >= policy.LeaderMinLevel)?.Name ?? policy.LeaderMinLevel.ToString();
        var professions = await db.PoolProfessions.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var required = policy.RequiredProfessionIds.Where(professions.ContainsKey).Select(id => (id, professions[id])).ToList();
        return new FormationSettings(policy.LeaderMinLevel, minRank, policy.GroupMinSize, policy.GroupMaxSize, policy.AvoidanceYears, required,
            policy.GoalWeights, professions);
    }

    public sealed record Pool(List<FormationCandidate> Available, List<FormationUnavailable> Unavailable, Dictionary<Guid, string> Names);

    /// <summary>
    /// The members as candidates. Without <paramref name="only"/>: every active member, those confirmed for the
    /// year available and the rest listed as unavailable. With it: just those people, in any state (for checks).
    /// </summary>
    public async Task<Pool> CandidatesAsync(Guid committeeId, PoolPolicy policy, Round? round, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        var currentRoundId = round?.Id;
        var today = clock.Today();
        var q = db.PoolMembers.AsNoTracking().Where(m => m.CommitteeId == committeeId);
        q = only is null ? q.Where(m => m.Status == MemberStatus.Active) : q.Where(m => only.Contains(m.Id));
        var members = await q.ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Path }).ToDictionaryAsync(o => o.Id, ct);
        var ranks = await db.PoolRanks.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var professions = (await db.PoolMemberProfessions.AsNoTracking().Where(p => ids.Contains(p.MemberId)).ToListAsync(ct))
            .ToLookup(p => p.MemberId, p => p.ProfessionId);
        var relations = (await db.PoolRelations.AsNoTracking().Where(r => ids.Contains(r.MemberId)).ToListAsync(ct)).ToLookup(r => r.MemberId);
        var tours = await ToursAsync(ids, currentRoundId, ct);
        var busy = round is null ? [] : await BusyAsync(ids, round, ct);
        var recentFrom = today.AddYears(-policy.RecentYears);

        var available = new List<FormationCandidate>();
        var unavailable = new List<FormationUnavailable>();
        foreach (var m in members.OrderBy(m => m.Id))
        {
            var home = orgs[m.OrganizationId];
            var ties = new List<FormationTie> { new(null, home.Id, home.Name, home.Path, "") };
            foreach (var r in relations[m.Id])
            {
                if (!orgs.TryGetValue(r.OrganizationId, out var o)) continue;
                if (!HardRules.Counts(r.Kind, r.ToDate, today, policy.AvoidanceYears)) continue;
                var detail = r.Kind switch
                {
                    RelationKind.PastOrganization => $"{r.FromDate?.ToString("yyyy-MM") ?? "?"} 至 {r.ToDate?.ToString("yyyy-MM") ?? "今"}",
                    RelationKind.Relative => $"{r.Relation}{r.PersonName}",
                    _ => r.Note ?? "",
                };
                ties.Add(new FormationTie(r.Kind, o.Id, o.Name, o.Path, detail));
            }
            var rank = ranks.GetValueOrDefault(m.RankId);
            var mine = tours[m.Id].ToList();
            var candidate = new FormationCandidate(m.Id, m.Name, home.Id, home.Name, home.Path, rank?.Level ?? 0, rank?.Name ?? "", m.LeaderEligible,
                m.FullTime, professions[m.Id].ToList(), mine.Count, mine.Count(d => d >= recentFrom), ties, busy.GetValueOrDefault(m.Id));
            if (only is not null) available.Add(candidate);
            else if (!m.IsAvailable(today.Year)) unavailable.Add(new FormationUnavailable(m.Id, m.Name, string.Format(Messages.Pool_NotConfirmed, today.Year)));
            else if (candidate.Busy is { } why) unavailable.Add(new FormationUnavailable(m.Id, m.Name, why));
            else available.Add(candidate);
        }
        return new Pool(available, unavailable, members.ToDictionary(m => m.Id, m => m.Name));
    }

    /// <summary>
    /// Who is taken at the round's time: in a group of another round whose fieldwork has not ended and whose dates
    /// (fieldwork start, else planned start, to planned end — or today, for a round still in the field past it)
    /// overlap this round's. Nobody serves two tours at once.
    /// </summary>
    private async Task<Dictionary<Guid, string>> BusyAsync(List<Guid> ids, Round round, CancellationToken ct)
    {
        var start = round.FieldworkStartedOn ?? round.PlannedStart;
        var end = round.PlannedEnd;
        var stillInField = clock.Today() >= start;
        var rows = await (from m in db.GroupMembers
                          join g in db.Groups on m.GroupId equals g.Id
                          join r in db.Rounds on g.RoundId equals r.Id
                          where ids.Contains(m.MemberId) && r.Id != round.Id && r.FieldworkEndedOn == null && NotYetReported.Contains(r.Status)
                                && (r.FieldworkStartedOn ?? r.PlannedStart) <= end
                                && (r.PlannedEnd >= start || (r.Status == RoundStatus.InField && stillInField))
                          orderby r.PlannedStart
                          select new { m.MemberId, m.Role, Round = r.Name, Group = g.Name, From = r.FieldworkStartedOn ?? r.PlannedStart, To = r.PlannedEnd })
            .ToListAsync(ct);
        var names = await db.PoolMembers.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        return rows.GroupBy(x => x.MemberId).ToDictionary(x => x.Key, x =>
        {
            var b = x.First();
            return string.Format(Messages.Rule_Busy, names.GetValueOrDefault(b.MemberId), b.Round, b.Group, Labels.Of(b.Role),
                b.From.ToString("yyyy-MM-dd"), b.To.ToString("yyyy-MM-dd"), (round.FieldworkStartedOn ?? round.PlannedStart).ToString("yyyy-MM-dd"),
                round.PlannedEnd.ToString("yyyy-MM-dd"));
        });
    }

    private static readonly RoundStatus[] NotYetReported = [RoundStatus.Draft, RoundStatus.PendingApproval, RoundStatus.Approved, RoundStatus.InField];

    /// <summary>The start dates of the rounds each member served in (not drafts, not the round being formed).</summary>
    private async Task<ILookup<Guid, DateOnly>> ToursAsync(List<Guid> ids, Guid? currentRoundId, CancellationToken ct)
    {
        var rows = await (from m in db.GroupMembers
                          join g in db.Groups on m.GroupId equals g.Id
                          join r in db.Rounds on g.RoundId equals r.Id
                          where ids.Contains(m.MemberId) && r.Id != currentRoundId && Tours.Counted.Contains(r.Status)
                          select new { m.MemberId, r.Id, r.PlannedStart }).Distinct().ToListAsync(ct);
        return rows.ToLookup(x => x.MemberId, x => x.PlannedStart);
    }

    /// <summary>The round's targets, each with the leader of its group the last time it was inspected (rotation).</summary>
    public async Task<List<FormationTarget>> TargetsAsync(Round round, CancellationToken ct)
    {
        var targets = await (from t in db.RoundTargets.AsNoTracking()
                             join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.RoundId == round.Id
                             orderby o.SortOrder, o.Name
                             select new { t.Id, t.OrganizationId, o.Name, o.Path }).ToListAsync(ct);
        var orgIds = targets.Select(t => t.OrganizationId).ToList();
        var earlier = await (from t in db.RoundTargets
                             join r in db.Rounds on t.RoundId equals r.Id
                             join m in db.GroupMembers on t.GroupId equals m.GroupId
                             where orgIds.Contains(t.OrganizationId) && r.Id != round.Id && Tours.Counted.Contains(r.Status)
                                   && r.PlannedStart <= round.PlannedStart && m.Role == GroupRole.Leader
                             select new { t.OrganizationId, r.Name, r.PlannedStart, r.CreatedAt, m.MemberId }).ToListAsync(ct);
        var last = earlier.GroupBy(e => e.OrganizationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.PlannedStart).ThenByDescending(e => e.CreatedAt).First());
        return targets.Select(t => last.TryGetValue(t.OrganizationId, out var l)
            ? new FormationTarget(t.Id, t.OrganizationId, t.Name, t.Path, l.MemberId, l.Name)
            : new FormationTarget(t.Id, t.OrganizationId, t.Name, t.Path)).ToList();
    }
}

/// <summary>A tour counts once its round's fieldwork has begun (planned and pending rounds do not count yet).</summary>
public static class Tours
{
    public static readonly RoundStatus[] Counted =
        [RoundStatus.InField, RoundStatus.Reporting, RoundStatus.FedBack, RoundStatus.Rectifying, RoundStatus.Completed];
}
