using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Rounds;

namespace Xuncha.Pool;

public sealed record PoolFilter(
    MemberStatus? Status = MemberStatus.Active, Guid? ProfessionId = null, Guid? RankId = null, bool? LeaderEligible = null, bool? FullTime = null,
    bool UnconfirmedOnly = false, int? UnusedYears = null, string? Search = null);

public sealed record MemberRow(
    Guid Id, string Name, string Organization, string? Position, string Rank, int RankLevel, bool LeaderEligible, bool FullTime,
    IReadOnlyList<string> Professions, MemberStatus Status, EntryRoute EntryRoute, int? ConfirmedYear, bool Confirmed, int Tours,
    DateOnly? LastTour, bool HasAccount, uint Version)
{
    public string StatusName => Labels.Of(Status);
    public string EntryRouteName => Labels.Of(EntryRoute);
}

public sealed record RelationView(Guid Id, RelationKind Kind, Guid OrganizationId, string Organization, DateOnly? FromDate, DateOnly? ToDate,
    string? PersonName, string? Relation, string? Note, bool CountsNow)
{
    public string KindName => Labels.Of(Kind);
}

public sealed record TourView(Guid RoundId, string Round, int Year, string Group, GroupRole Role, string Targets, AppraisalGrade? Grade)
{
    public string RoleName => Labels.Of(Role);
}

public sealed record TrainingView(Guid Id, string Course, TrainingKind Kind, DateOnly Date, decimal Hours)
{
    public string KindName => Labels.Of(Kind);
}

public sealed record RecommendationView(Guid Id, string Body, DateOnly Date, string? Note);

public sealed record MemberDetail(
    MemberRow Row, Guid OrganizationId, Guid RankId, IReadOnlyList<Guid> ProfessionIds, string? Phone, string? Email, Guid? UserId, string? UserName,
    string? RecommendedBy, string? ApplicationReason, DateTimeOffset AppliedAt, string? AppliedBy, DateTimeOffset? DecidedAt, string? DecidedBy,
    string? DecisionNote, ExitReason? ExitReason, string? ExitNote, DateTimeOffset? ExitedAt, IReadOnlyList<RelationView> Relations,
    IReadOnlyList<TrainingView> Trainings, IReadOnlyList<RecommendationView> Recommendations, IReadOnlyList<TourView> Tours,
    bool CanManage, bool IsSelf);

public sealed record OptionItem(Guid Id, string Name, int Order, bool IsActive, uint Version = 0);

public sealed record CountItem(string Label, int Count);

public sealed record ProfessionStat(string Profession, IReadOnlyList<CountItem> ByRank, int Total);

public sealed record PoolStats(
    int Active, int Applied, int Exited, int LeaderPool, int FullTime, int Unconfirmed, int Year,
    IReadOnlyList<ProfessionStat> ByProfession, IReadOnlyList<CountItem> ByRank, IReadOnlyList<CountItem> Participation, int TookPart,
    IReadOnlyList<MemberRow> Unused, int UnusedYears, IReadOnlyList<CountItem> Exits, IReadOnlyList<CountItem> Routes,
    decimal TrainingHours, int Trainings, int Recommendations);

/// <summary>
/// The pool as the office (and the leading group) sees it: members with their professions, tours and yearly
/// confirmation; one member's whole record; statistics like seed 004's. A member may read their own record.
/// </summary>
public sealed class PoolQueries(XunchaDbContext db, FormationData data, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<IReadOnlyList<MemberRow>> ListAsync(PoolFilter f, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewPool);
        var year = clock.Today().Year;
        var q = db.PoolMembers.AsNoTracking();
        if (f.Status is { } s) q = q.Where(m => m.Status == s);
        if (f.RankId is { } r) q = q.Where(m => m.RankId == r);
        if (f.LeaderEligible is { } le) q = q.Where(m => m.LeaderEligible == le);
        if (f.FullTime is { } ft) q = q.Where(m => m.FullTime == ft);
        if (f.ProfessionId is { } pid) q = q.Where(m => db.PoolMemberProfessions.Any(p => p.MemberId == m.Id && p.ProfessionId == pid));
        if (f.UnconfirmedOnly) q = q.Where(m => m.Status == MemberStatus.Active && (m.ConfirmedYear == null || m.ConfirmedYear < year));
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim();
            q = q.Where(m => m.Name.Contains(term) || (m.Position != null && m.Position.Contains(term))
                             || db.Organizations.Any(o => o.Id == m.OrganizationId && o.Name.Contains(term)));
        }
        var rows = await RowsAsync(q, ct);
        if (f.UnusedYears is { } n)
        {
            var since = clock.Today().AddYears(-n);
            rows = rows.Where(x => x.LastTour is null || x.LastTour < since).ToList();
        }
        return rows;
    }

    private async Task<List<MemberRow>> RowsAsync(IQueryable<PoolMember> q, CancellationToken ct)
    {
        var year = clock.Today().Year;
        var members = await (from m in q
                             join o in db.Organizations on m.OrganizationId equals o.Id
                             join r in db.PoolRanks on m.RankId equals r.Id
                             select new { m, Org = o.Name, Rank = r.Name, r.Level }).ToListAsync(ct);
        var ids = members.Select(x => x.m.Id).ToList();
        var professions = (await (from p in db.PoolMemberProfessions join x in db.PoolProfessions on p.ProfessionId equals x.Id
                                  where ids.Contains(p.MemberId) orderby x.SortOrder select new { p.MemberId, x.Name }).ToListAsync(ct))
            .ToLookup(x => x.MemberId, x => x.Name);
        var tours = (await (from gm in db.GroupMembers join g in db.Groups on gm.GroupId equals g.Id join r in db.Rounds on g.RoundId equals r.Id
                            where ids.Contains(gm.MemberId) && Tours.Counted.Contains(r.Status)
                            select new { gm.MemberId, r.PlannedStart }).ToListAsync(ct)).ToLookup(x => x.MemberId, x => x.PlannedStart);
        return members.Select(x => new MemberRow(x.m.Id, x.m.Name, x.Org, x.m.Position, x.Rank, x.Level, x.m.LeaderEligible, x.m.FullTime,
                professions[x.m.Id].ToList(), x.m.Status, x.m.EntryRoute, x.m.ConfirmedYear, x.m.ConfirmedYear >= year, tours[x.m.Id].Count(),
                tours[x.m.Id].Any() ? tours[x.m.Id].Max() : null, x.m.UserId is not null, x.m.Version))
            .OrderByDescending(r => r.LeaderEligible).ThenByDescending(r => r.RankLevel).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>One member's record: the office and the leading group see anyone's; a member sees their own.</summary>
    public async Task<MemberDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        var m = await db.PoolMembers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        var self = Actor.UserId is not null && m.UserId == Actor.UserId;
        if (!self && !Actor.Can(Permission.ViewPool)) throw new NotFoundException();
        var row = (await RowsAsync(db.PoolMembers.Where(x => x.Id == id), ct)).Single();
        var policy = await data.PolicyAsync(m.CommitteeId, ct);
        var orgNames = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var relations = (await db.PoolRelations.AsNoTracking().Where(r => r.MemberId == id).ToListAsync(ct))
            .OrderBy(r => r.Kind).ThenByDescending(r => r.ToDate ?? DateOnly.MaxValue)
            .Select(r => new RelationView(r.Id, r.Kind, r.OrganizationId, orgNames.GetValueOrDefault(r.OrganizationId, "?"), r.FromDate, r.ToDate,
                r.PersonName, r.Relation, r.Note, Formation.HardRules.Counts(r.Kind, r.ToDate, clock.Today(), policy.AvoidanceYears))).ToList();
        var trainings = await db.PoolTrainings.AsNoTracking().Where(t => t.MemberId == id).OrderByDescending(t => t.Date)
            .Select(t => new TrainingView(t.Id, t.Course, t.Kind, t.Date, t.Hours)).ToListAsync(ct);
        var recommendations = await db.PoolRecommendations.AsNoTracking().Where(r => r.MemberId == id).OrderByDescending(r => r.Date)
            .Select(r => new RecommendationView(r.Id, r.Body, r.Date, r.Note)).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.Id == m.UserId || u.Id == m.AppliedBy || u.Id == m.DecidedBy)
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, u.DisplayName), ct);
        return new MemberDetail(row, m.OrganizationId, m.RankId,
            await db.PoolMemberProfessions.Where(p => p.MemberId == id).Select(p => p.ProfessionId).ToListAsync(ct),
            m.Phone, m.Email, m.UserId, m.UserId is { } u && users.TryGetValue(u, out var acc) ? acc.UserName : null,
            m.RecommendedByOrganizationId is { } rb ? orgNames.GetValueOrDefault(rb) : null, m.ApplicationReason, m.AppliedAt,
            m.AppliedBy is { } ab && users.TryGetValue(ab, out var a) ? a.DisplayName : null, m.DecidedAt,
            m.DecidedBy is { } db2 && users.TryGetValue(db2, out var d) ? d.DisplayName : null, m.DecisionNote, m.ExitReason, m.ExitNote, m.ExitedAt,
            relations, trainings, recommendations, await ToursAsync(id, ct), Actor.Can(Permission.ManagePool), self);
    }

    /// <summary>Accounts the office may link a member to: active business accounts (never the three administrators').</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label)>> AccountChoicesAsync(CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var admins = new[] { Role.SysAdmin.Key(), Role.SecAdmin.Key(), Role.AuditAdmin.Key() };
        var adminIds = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where admins.Contains(r.Name!) select ur.UserId;
        var rows = await (from u in db.Users
                          join o in db.Organizations on u.OrganizationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          where u.IsActive && !adminIds.Contains(u.Id)
                          orderby u.DisplayName
                          select new { u.Id, u.UserName, u.DisplayName, Org = o.Name }).ToListAsync(ct);
        return rows.Select(x => (x.Id, $"{x.DisplayName}（{x.UserName}{(x.Org is null ? "" : "，" + x.Org)}）")).ToList();
    }

    /// <summary>The signed-in person's own pool record, if any.</summary>
    public async Task<Guid?> MineAsync(CancellationToken ct = default) =>
        Actor.UserId is { } me ? await db.PoolMembers.Where(m => m.UserId == me).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct) : null;

    private async Task<List<TourView>> ToursAsync(Guid id, CancellationToken ct)
    {
        var rows = await (from gm in db.GroupMembers
                          join g in db.Groups on gm.GroupId equals g.Id
                          join r in db.Rounds on g.RoundId equals r.Id
                          where gm.MemberId == id && Tours.Counted.Contains(r.Status)
                          orderby r.PlannedStart descending
                          select new { RoundId = r.Id, Round = r.Name, r.Year, GroupId = g.Id, Group = g.Name, gm.Role }).ToListAsync(ct);
        var groupIds = rows.Select(r => r.GroupId).ToList();
        var targets = (await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                              where t.GroupId != null && groupIds.Contains(t.GroupId!.Value) select new { t.GroupId, o.Name }).ToListAsync(ct))
            .ToLookup(t => t.GroupId!.Value, t => t.Name);
        var grades = await db.PoolAppraisals.AsNoTracking().Where(a => a.MemberId == id).ToListAsync(ct);
        return rows.Select(r => new TourView(r.RoundId, r.Round, r.Year, r.Group, r.Role, string.Join("、", targets[r.GroupId]),
            grades.FirstOrDefault(a => a.RoundId == r.RoundId)?.Final)).ToList();
    }

    public async Task<(IReadOnlyList<OptionItem> Ranks, IReadOnlyList<OptionItem> Professions)> ListsAsync(CancellationToken ct = default)
    {
        var ranks = await db.PoolRanks.AsNoTracking().OrderByDescending(r => r.Level).Select(r => new OptionItem(r.Id, r.Name, r.Level, r.IsActive, r.Version)).ToListAsync(ct);
        var professions = await db.PoolProfessions.AsNoTracking().OrderBy(p => p.SortOrder).Select(p => new OptionItem(p.Id, p.Name, p.SortOrder, p.IsActive, p.Version)).ToListAsync(ct);
        return (ranks, professions);
    }

    public async Task<PoolPolicy> PolicyAsync(CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewPool);
        var committee = await db.Organizations.Where(o => o.Type == Organizations.OrganizationType.Committee && o.ParentId == null && o.IsActive)
            .OrderBy(o => o.SortOrder).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct) ?? throw new DomainException(Messages.Round_NoCommittee);
        return await data.PolicyAsync(committee, ct);
    }

    /// <summary>Seed 004's figures: by profession and rank, the leader pool, who took part how often, who has been unused for years.</summary>
    public async Task<PoolStats> StatsAsync(int? unusedYears = null, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewPool);
        var policy = await PolicyAsync(ct);
        var years = unusedYears ?? policy.RecentYears;
        var all = await RowsAsync(db.PoolMembers.AsNoTracking(), ct);
        var active = all.Where(m => m.Status == MemberStatus.Active).ToList();
        var (ranks, professions) = await ListsAsync(ct);
        var byProfession = professions.Select(p =>
        {
            var having = active.Where(m => m.Professions.Contains(p.Name)).ToList();
            return new ProfessionStat(p.Name, ranks.Select(r => new CountItem(r.Name, having.Count(m => m.Rank == r.Name))).ToList(), having.Count);
        }).Where(x => x.Total > 0).ToList();
        var byRank = ranks.Select(r => new CountItem(r.Name, active.Count(m => m.Rank == r.Name))).Where(x => x.Count > 0).ToList();
        var bands = new (string Band, Func<int, bool> In)[]
        {
            (Messages.Stats_Never, n => n == 0), (Messages.Stats_Once, n => n == 1), (Messages.Stats_TwoToFour, n => n is >= 2 and <= 4),
            (Messages.Stats_FivePlus, n => n >= 5),
        };
        var everyone = all.Where(m => m.Status is MemberStatus.Active or MemberStatus.Exited).ToList();
        var since = clock.Today().AddYears(-years);
        var unused = active.Where(m => m.LastTour is null || m.LastTour < since).ToList();
        var exits = all.Where(m => m.Status == MemberStatus.Exited).Select(m => m.Id).ToList();
        var exitReasons = await db.PoolMembers.AsNoTracking().Where(m => exits.Contains(m.Id)).Select(m => m.ExitReason).ToListAsync(ct);
        var trainings = await db.PoolTrainings.AsNoTracking().Select(t => t.Hours).ToListAsync(ct);
        return new PoolStats(
            active.Count, all.Count(m => m.Status == MemberStatus.Applied), exits.Count, active.Count(m => m.LeaderEligible), active.Count(m => m.FullTime),
            active.Count(m => !m.Confirmed), clock.Today().Year, byProfession, byRank,
            bands.Select(b => new CountItem(b.Band, everyone.Count(m => b.In(m.Tours)))).ToList(), everyone.Count(m => m.Tours > 0), unused, years,
            exitReasons.Where(r => r is not null).GroupBy(r => r!.Value).Select(g => new CountItem(Labels.Of(g.Key), g.Count())).ToList(),
            all.GroupBy(m => m.EntryRoute).OrderBy(g => g.Key).Select(g => new CountItem(Labels.Of(g.Key), g.Count())).ToList(),
            trainings.Sum(), trainings.Count, await db.PoolRecommendations.CountAsync(ct));
    }
}
