using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Problems;
using Xuncha.Rectification;

namespace Xuncha.Rounds;

/// <summary>Rounds as each role may see them: the whole plan for the office, its own part for a group or a unit.</summary>
public sealed class RoundQueries(XunchaDbContext db, DeadlineService deadlines)
{
    public async Task<IReadOnlyList<RoundSummary>> ListAsync(RoundFilter filter, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var q = db.Rounds.VisibleTo(db).AsNoTracking();
        if (filter.Status is { } s) q = q.Where(r => r.Status == s);
        if (filter.Year is { } y) q = q.Where(r => r.Year == y);
        if (!string.IsNullOrWhiteSpace(filter.Search)) q = q.Where(r => r.Name.Contains(filter.Search.Trim()));
        var targets = db.RoundTargets.VisibleTo(db);
        var problems = db.Problems.VisibleTo(db);
        return await q.OrderByDescending(r => r.Year).ThenByDescending(r => r.Ordinal)
            .Select(r => new RoundSummary(r.Id, r.Name, r.Type, r.Status, r.Year, r.Ordinal, r.PlannedStart, r.PlannedEnd,
                targets.Count(t => t.RoundId == r.Id), db.Groups.Count(g => g.RoundId == r.Id),
                problems.Count(p => p.RoundId == r.Id && p.Status == ProblemStatus.Approved),
                targets.Count(t => t.RoundId == r.Id && t.FeedbackDate != null), r.Version))
            .ToListAsync(ct);
    }

    public async Task<RoundDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var r = await db.Rounds.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        var committee = await db.Organizations.Where(o => o.Id == r.CommitteeId).Select(o => o.Name).SingleAsync(ct);
        var term = r.TermId is null ? null : await db.Terms.Where(t => t.Id == r.TermId).Select(t => t.Name).SingleOrDefaultAsync(ct);
        var taxonomy = await db.Taxonomies.Where(t => t.Id == r.TaxonomyId).Select(t => t.Name).SingleAsync(ct);
        var targets = await TargetsAsync(r, ct);
        var groups = await GroupsAsync(r.Id, ct);
        return new RoundDetail(r.Id, r.Name, r.Type, r.Status, r.Year, r.Ordinal, r.NumberPrefix, r.CommitteeId, committee, r.TermId, term,
            r.TaxonomyId, taxonomy, r.Theme, r.FocusPoints, r.PlannedStart, r.PlannedEnd, r.ReviewComment,
            r.FieldworkStartedOn, r.FieldworkEndedOn, targets, groups, r.Version);
    }

    public async Task<IReadOnlyList<ProblemCategory>> CategoriesAsync(Guid roundId, CancellationToken ct = default)
    {
        var taxonomy = await db.Rounds.VisibleTo(db).Where(r => r.Id == roundId).Select(r => (Guid?)r.TaxonomyId).SingleOrDefaultAsync(ct)
                       ?? throw new NotFoundException();
        return await db.Categories.AsNoTracking().Where(c => c.TaxonomyId == taxonomy).OrderBy(c => c.SortOrder).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Taxonomy>> TaxonomiesAsync(CancellationToken ct = default) =>
        await db.Taxonomies.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Code).ToListAsync(ct);

    private async Task<IReadOnlyList<TargetView>> TargetsAsync(Round r, CancellationToken ct)
    {
        var today = deadlines.Today;
        var rows = await (from t in db.RoundTargets.VisibleTo(db).AsNoTracking()
                          where t.RoundId == r.Id
                          join o in db.Organizations on t.OrganizationId equals o.Id
                          join g in db.Groups on t.GroupId equals g.Id into gs
                          from g in gs.DefaultIfEmpty()
                          join p in db.Plans on t.Id equals p.TargetId into ps
                          from p in ps.DefaultIfEmpty()
                          join rr in db.RectificationReports on t.Id equals rr.TargetId into rs
                          from rr in rs.DefaultIfEmpty()
                          orderby g.Number, o.SortOrder, o.Name
                          select new
                          {
                              t, OrgName = o.Name, GroupName = g.Name, PlanStatus = (PlanStatus?)p.Status,
                              ReportStatus = (RectificationReportStatus?)rr.Status, Grade = rr.Grade, ReportSubmittedAt = (DateTimeOffset?)rr.SubmittedAt,
                              PlanFirstSubmittedAt = db.PlanRevisions.Where(v => v.PlanId == p.Id).Min(v => (DateTimeOffset?)v.SubmittedAt),
                              Problems = db.Problems.Count(x => x.TargetId == t.Id && x.Status == ProblemStatus.Approved),
                              Tasks = db.Tasks.Count(x => x.PlanId == p.Id && x.State != TaskState.Proposed),
                              Closed = db.Tasks.Count(x => x.PlanId == p.Id && x.State == TaskState.Closed),
                              Overdue = db.Tasks.Count(x => x.PlanId == p.Id && (x.State == TaskState.InProgress || x.State == TaskState.ClosureRequested)
                                                             && x.Deadline < today),
                          }).ToListAsync(ct);
        var result = new List<TargetView>();
        foreach (var x in rows)
        {
            Countdown? planDue = null, reportDue = null;
            if (x.t.FeedbackDate is { } fb)
            {
                var d = await deadlines.ForFeedbackAsync(r.CommitteeId, fb, ct);
                planDue = await deadlines.CountdownAsync(r.CommitteeId, d.PlanDue,
                    x.PlanStatus is PlanStatus.Submitted or PlanStatus.Approved ? deadlines.DayOf(x.PlanFirstSubmittedAt) : null, ct);
                reportDue = await deadlines.CountdownAsync(r.CommitteeId, d.ReportDue,
                    x.ReportStatus is RectificationReportStatus.Submitted or RectificationReportStatus.Evaluated ? deadlines.DayOf(x.ReportSubmittedAt) : null, ct);
            }
            result.Add(new TargetView(x.t.Id, x.t.OrganizationId, x.OrgName, x.t.GroupId, x.GroupName, x.t.FeedbackDate, planDue, reportDue,
                x.PlanStatus, x.ReportStatus, x.Grade, x.Problems, x.Tasks, x.Closed, x.Overdue, x.t.Version));
        }
        return result;
    }

    private async Task<IReadOnlyList<GroupView>> GroupsAsync(Guid roundId, CancellationToken ct)
    {
        var a = db.Actor;
        var all = a.IsSystem || a.Has(Role.Office) || a.Has(Role.LeadingGroup) || a.Has(Role.Discipline);
        var mine = db.GroupMembers.Where(m => m.UserId == a.UserId).Select(m => m.GroupId);
        var groups = await db.Groups.AsNoTracking().Where(g => g.RoundId == roundId && (all || mine.Contains(g.Id)))
            .OrderBy(g => g.Number).ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();
        var members = await (from m in db.GroupMembers where ids.Contains(m.GroupId)
                             join p in db.PoolMembers on m.MemberId equals p.Id
                             join o in db.Organizations on p.OrganizationId equals o.Id
                             join u in db.Users on m.UserId equals u.Id into us
                             from u in us.DefaultIfEmpty()
                             select new { m.GroupId, View = new MemberView(p.Id, m.UserId, u.UserName, p.Name, o.Name, m.Role) }).ToListAsync(ct);
        var targets = await db.RoundTargets.Where(t => t.GroupId != null && ids.Contains(t.GroupId.Value)).Select(t => new { t.GroupId, t.Id }).ToListAsync(ct);
        var reports = await db.GroupReports.Where(r => ids.Contains(r.GroupId)).ToDictionaryAsync(r => r.GroupId, r => r.Status, ct);
        return groups.Select(g => new GroupView(g.Id, g.Number, g.Name,
            members.Where(m => m.GroupId == g.Id).Select(m => m.View).OrderBy(m => m.Role).ThenBy(m => m.DisplayName).ToList(),
            targets.Where(t => t.GroupId == g.Id).Select(t => t.Id).ToList(),
            reports.TryGetValue(g.Id, out var s) ? s : null, g.Version)).ToList();
    }
}
