using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

/// <summary>A target's plan as each role sees it: problems with their tasks, due dates with countdowns, revisions.</summary>
public sealed class PlanQueries(XunchaDbContext db, ProblemQueries problems, DeadlineService deadlines)
{
    public async Task<PlanView> GetAsync(Guid targetId, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var target = await db.RoundTargets.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.TargetId == targetId, ct) ?? throw new NotFoundException(Messages.Plan_NotYet);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == target.RoundId, ct);
        var org = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        var due = await deadlines.ForFeedbackAsync(round.CommitteeId, target.FeedbackDate!.Value, ct);
        var report = await db.RectificationReports.AsNoTracking().SingleOrDefaultAsync(r => r.TargetId == targetId, ct);
        var rows = await problems.ListAsync(new ProblemFilter(TargetId: targetId, Status: ProblemStatus.Approved), ct);
        var tasks = await TasksAsync(db.Tasks.Where(t => t.PlanId == plan.Id), round.CommitteeId, ct);
        var revisions = await (from r in db.PlanRevisions join u in db.Users on r.SubmittedBy equals u.Id
                               where r.PlanId == plan.Id orderby r.Number descending
                               select new RevisionView(r.Number, r.SubmittedAt, u.DisplayName, r.Outcome, r.ReviewComment)).ToListAsync(ct);
        var reviewer = db.Actor.Can(Permission.ReviewRectification);
        var liaison = await HasLiaisonAsync(db, target.OrganizationId, ct);
        var onBehalf = reviewer && !IsUnitOf(target.OrganizationId) && !liaison;
        var isUnit = IsUnitOf(target.OrganizationId) || onBehalf;
        return new PlanView(target.Id, round.Id, round.Name, round.CommitteeId, target.OrganizationId, org, target.FeedbackDate.Value,
            await deadlines.CountdownAsync(round.CommitteeId, due.PlanDue,
                plan.Status is PlanStatus.Submitted or PlanStatus.Approved ? deadlines.DayOf(revisions.Min(r => (DateTimeOffset?)r.SubmittedAt)) : null, ct),
            await deadlines.CountdownAsync(round.CommitteeId, due.ReportDue,
                report?.Status is RectificationReportStatus.Submitted or RectificationReportStatus.Evaluated ? deadlines.DayOf(report.SubmittedAt) : null, ct),
            plan.Id, plan.Status, plan.Revision, plan.ReviewComment,
            rows.Select(p => new PlanProblem(p, tasks.Where(t => t.ProblemId == p.Id).ToList())).ToList(), revisions,
            isUnit && plan.IsEditable, reviewer && plan.Status == PlanStatus.Submitted, isUnit && plan.Status == PlanStatus.Approved,
            reviewer && tasks.Any(t => t.State == TaskState.Proposed), plan.Version, onBehalf, liaison);
    }

    public async Task<TaskDetail> TaskAsync(Guid taskId, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var task = await db.Tasks.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new NotFoundException();
        var target = await (from p in db.Plans join t in db.RoundTargets on p.TargetId equals t.Id where p.Id == task.PlanId select t).SingleAsync(ct);
        var committee = await db.Rounds.Where(r => r.Id == target.RoundId).Select(r => r.CommitteeId).SingleAsync(ct);
        var view = (await TasksAsync(db.Tasks.Where(t => t.Id == taskId), committee, ct)).Single();
        var problem = (await problems.ListAsync(new ProblemFilter(TargetId: target.Id), ct)).FirstOrDefault(p => p.Id == task.ProblemId)
                      ?? throw new NotFoundException();
        var org = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        var progress = await (from p in db.ProgressReports join u in db.Users on p.ReportedBy equals u.Id
                              where p.TaskId == taskId orderby p.ReportedAt descending select new { p, u.DisplayName }).ToListAsync(ct);
        var files = await db.Files.AsNoTracking().Where(f => f.OwnerType == Files.FileOwner.Progress && progress.Select(x => x.p.Id).Contains(f.OwnerId)).ToListAsync(ct);
        var isUnit = IsUnitOf(target.OrganizationId);
        return new TaskDetail(view, problem, target.Id, org,
            progress.Select(x => new ProgressView(x.p.Id, x.p.Text, x.p.Percent, x.p.IsClosureRequest, x.DisplayName, x.p.ReportedAt,
                files.Where(f => f.OwnerId == x.p.Id).Select(f => new Files.FileView(f.Id, f.FileName, f.ContentType, f.Length, f.Sha256, f.UploadedAt)).ToList())).ToList(),
            isUnit && task.State == TaskState.InProgress,
            db.Actor.Can(Permission.ReviewRectification) && task.State is TaskState.ClosureRequested or TaskState.Proposed);
    }

    /// <summary>Two submitted revisions compared task by task: added, removed, changed (which fields, old and new).</summary>
    public async Task<IReadOnlyList<TaskDiff>> CompareAsync(Guid targetId, int from, int to, CancellationToken ct = default)
    {
        var view = await GetAsync(targetId, ct);
        var snaps = await db.PlanRevisions.AsNoTracking().Where(r => r.PlanId == view.PlanId && (r.Number == from || r.Number == to))
            .ToDictionaryAsync(r => r.Number, r => JsonSerializer.Deserialize<List<TaskSnapshot>>(r.Snapshot)!, ct);
        if (!snaps.ContainsKey(from) || !snaps.ContainsKey(to)) throw new NotFoundException();
        var diffs = new List<TaskDiff>();
        foreach (var id in snaps[from].Select(s => s.Id).Union(snaps[to].Select(s => s.Id)))
        {
            var a = snaps[from].FirstOrDefault(s => s.Id == id);
            var b = snaps[to].FirstOrDefault(s => s.Id == id);
            var name = $"{(b ?? a)!.ProblemNumber} · {Messages.Plan_TaskLabel} {(b ?? a)!.Sequence}";
            if (a is null) diffs.Add(new TaskDiff(name, Messages.Diff_Added, Fields(null, b)));
            else if (b is null) diffs.Add(new TaskDiff(name, Messages.Diff_Removed, Fields(a, null)));
            else if (Fields(a, b) is { Count: > 0 } changed) diffs.Add(new TaskDiff(name, Messages.Diff_Changed, changed));
        }
        return diffs;
    }

    internal bool IsUnitOf(Guid organizationId) => db.Actor.Has(Role.Unit) && db.Actor.OrganizationId == organizationId;

    /// <summary>Whether the organisation has an active account of a 被巡察单位联络员 (else the office may write its plan, 代录).</summary>
    internal static Task<bool> HasLiaisonAsync(XunchaDbContext db, Guid organizationId, CancellationToken ct) =>
        (from u in db.Users where u.OrganizationId == organizationId && u.IsActive
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == "unit" select u.Id).AnyAsync(ct);

    internal async Task<List<TaskView>> TasksAsync(IQueryable<RectificationTask> q, Guid committeeId, CancellationToken ct)
    {
        var tasks = await q.AsNoTracking().Include(t => t.CoOrganizations).Include(t => t.Milestones).OrderBy(t => t.Sequence).ToListAsync(ct);
        var orgIds = tasks.SelectMany(t => t.CoOrganizations.Select(c => c.OrganizationId).Append(t.LeadOrganizationId)).Distinct().ToList();
        var names = await db.Organizations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var policy = await deadlines.PolicyAsync(committeeId, ct);
        return tasks.Select(t => new TaskView(t.Id, t.ProblemId, t.Sequence, t.Goal, t.Measures, t.ResponsibleLeader,
            new OrgRef(t.LeadOrganizationId, names.GetValueOrDefault(t.LeadOrganizationId, "")),
            t.CoOrganizations.Select(c => new OrgRef(c.OrganizationId, names.GetValueOrDefault(c.OrganizationId, ""))).ToList(),
            t.Kind, t.Deadline, t.Milestones.OrderBy(m => m.DueOn).Select(m => new MilestoneView(m.DueOn, m.Description)).ToList(),
            t.State, t.Percent, t.IsSupplementary, t.ReviewComment, t.ClosureStatement, t.ClosureReturnReason, t.ClosedOn, t.ClosureResult,
            DueOf(t, policy), t.Version)).ToList();
    }

    /// <summary>A task's countdown: to its deadline, or for a long-term task to its next open milestone.</summary>
    private Countdown? DueOf(RectificationTask t, DeadlinePolicy policy)
    {
        if (t.Deadline is null && t.Milestones.Count == 0) return null;
        var due = Countdown.DueOf(t.Deadline, t.Milestones.Select(m => m.DueOn), deadlines.Today);
        return Countdown.For(due, deadlines.Today, policy.WarningDays, t.State == TaskState.Closed ? t.ClosedOn ?? deadlines.Today : null);
    }

    private static List<FieldDiff> Fields(TaskSnapshot? a, TaskSnapshot? b)
    {
        var list = new List<FieldDiff>();
        void Add(string field, string? old, string? now)
        {
            if (old != now) list.Add(new FieldDiff(field, old, now));
        }
        Add(Messages.Ledger_Goal, a?.Goal, b?.Goal);
        Add(Messages.Ledger_Measures, a?.Measures, b?.Measures);
        Add(Messages.Ledger_Leader, a?.ResponsibleLeader, b?.ResponsibleLeader);
        Add(Messages.Ledger_LeadUnit, a?.LeadOrganization, b?.LeadOrganization);
        Add(Messages.Ledger_CoUnits, a is null ? null : string.Join("、", a.CoOrganizations), b is null ? null : string.Join("、", b.CoOrganizations));
        Add(Messages.Ledger_Kind, a is null ? null : Labels.Of(a.Kind), b is null ? null : Labels.Of(b.Kind));
        Add(Messages.Ledger_Deadline, a?.Deadline?.ToString("yyyy-MM-dd"), b?.Deadline?.ToString("yyyy-MM-dd"));
        Add(Messages.Plan_Milestones, a is null ? null : string.Join("；", a.Milestones.Select(m => $"{m.DueOn:yyyy-MM-dd} {m.Description}")),
            b is null ? null : string.Join("；", b.Milestones.Select(m => $"{m.DueOn:yyyy-MM-dd} {m.Description}")));
        return list;
    }
}
