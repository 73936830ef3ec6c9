using Xuncha.Audit;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Notifications;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

/// <summary>
/// The unit writes its plan task by task and submits it; submission checks that every problem has a task and
/// every date fits the policy. The office approves it (tasks start) or returns it with a comment per task.
/// After approval the unit may propose supplementary tasks (补充整改), which the office approves.
/// </summary>
public sealed class PlanService(XunchaDbContext db, TaskRules rules, RoundService rounds, DeadlineService deadlines,
    NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<Guid> SaveTaskAsync(Guid targetId, Guid? taskId, TaskInput input, uint? version, CancellationToken ct = default)
    {
        var (plan, target) = await ForUnitAsync(targetId, ct);
        var clean = await rules.ValidateAsync(input, ct);
        RectificationTask task;
        if (taskId is { } id)
        {
            task = await db.ForUpdateAsync(db.Tasks.Include(t => t.CoOrganizations).Include(t => t.Milestones), t => t.Id == id && t.PlanId == plan.Id, version, ct);
            if (!(task.State == TaskState.Proposed || plan.IsEditable)) plan.EnsureEditable();
        }
        else
        {
            plan.EnsureEditable();
            var problem = await ProblemOfAsync(target, input.ProblemId, ct);
            task = RectificationTask.Plan(Guid.CreateVersion7(clock.GetUtcNow()), plan.Id, problem, await NextSequenceAsync(plan.Id, ct), clock.GetUtcNow());
            db.Tasks.Add(task);
        }
        task.Edit(clean.Goal, clean.Measures, clean.Leader, clean.Lead, clean.CoOrganizations, clean.Kind, clean.Deadline, clean.Milestones);
        await db.SaveChangesAsync(ct);
        return task.Id;
    }

    /// <summary>The target a task belongs to (for edits addressed by task).</summary>
    public async Task<Guid> TargetOfTaskAsync(Guid taskId, CancellationToken ct = default) =>
        await (from t in db.Tasks.VisibleTo(db) join p in db.Plans on t.PlanId equals p.Id where t.Id == taskId select (Guid?)p.TargetId)
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException();

    public async Task DeleteTaskAsync(Guid targetId, Guid taskId, uint? version, CancellationToken ct = default)
    {
        var (plan, _) = await ForUnitAsync(targetId, ct);
        var task = await db.ForUpdateAsync(db.Tasks, t => t.Id == taskId && t.PlanId == plan.Id, version, ct);
        if (task.State != TaskState.Proposed) plan.EnsureEditable();
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(ct);
    }

    public async Task SubmitAsync(Guid targetId, uint? version, CancellationToken ct = default)
    {
        var (plan, target) = await ForUnitAsync(targetId, ct);
        if (version is { } ver)
        {
            if (plan.Version != ver) throw new ConcurrencyException();
            db.Entry(plan).Property(p => p.Version).OriginalValue = ver;
        }
        var round = await db.Rounds.SingleAsync(r => r.Id == target.RoundId, ct);
        var tasks = await db.Tasks.Include(t => t.CoOrganizations).Include(t => t.Milestones).Where(t => t.PlanId == plan.Id && t.State == TaskState.Planned)
            .OrderBy(t => t.Sequence).ToListAsync(ct);
        var problems = await db.Problems.Where(p => p.TargetId == targetId && p.Status == ProblemStatus.Approved).OrderBy(p => p.Sequence).ToListAsync(ct);
        var policy = await deadlines.PolicyAsync(round.CommitteeId, ct);
        var v = new Validator();
        foreach (var p in problems.Where(p => tasks.All(t => t.ProblemId != p.Id)))
            v.Add("problems", string.Format(Messages.Plan_ProblemWithoutTask, p.Number, p.Title));
        foreach (var t in tasks)
        foreach (var message in TaskRules.DeadlineProblems(t, target.FeedbackDate!.Value, clock.Today(), policy))
            v.Add("tasks", string.Format(Messages.Plan_TaskIssue, problems.First(p => p.Id == t.ProblemId).Number, t.Sequence, message));
        v.ThrowIfInvalid();

        plan.Submit(clock.GetUtcNow());
        db.PlanRevisions.Add(PlanRevision.Of(Guid.CreateVersion7(clock.GetUtcNow()), plan.Id, plan.Revision, clock.GetUtcNow(),
            Actor.UserId!.Value, await SnapshotAsync(tasks, problems, ct)));
        var org = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.Waiting, string.Format(Messages.Notice_PlanWaiting, org, plan.Revision),
            $"/targets/{targetId}", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ApproveAsync(Guid targetId, string? comment, uint? version, CancellationToken ct = default)
    {
        var (plan, target) = await ForReviewAsync(targetId, version, ct);
        plan.Approve(Actor.UserId ?? Guid.Empty, Trim(comment), clock.GetUtcNow());
        foreach (var t in await db.Tasks.Where(t => t.PlanId == plan.Id && t.State == TaskState.Planned).ToListAsync(ct))
        {
            t.Comment(null);
            t.Activate();
        }
        (await CurrentRevisionAsync(plan, ct)).Record(PlanStatus.Approved, plan.ReviewComment, null);
        await notifications.NotifyOrganizationAsync(target.OrganizationId, NotificationKind.System, Messages.Notice_PlanApproved, $"/targets/{targetId}", ct);
        await db.SaveChangesAsync(ct);
        await rounds.AdvanceAsync(target.RoundId, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Returns the plan with an overall comment and, where given, a comment on each task.</summary>
    public async Task ReturnAsync(Guid targetId, string? comment, IReadOnlyDictionary<Guid, string>? taskComments, uint? version, CancellationToken ct = default)
    {
        var (plan, target) = await ForReviewAsync(targetId, version, ct);
        var v = new Validator();
        var clean = v.Text("comment", comment, RectificationPlan.CommentMax, required: true);
        foreach (var (id, text) in taskComments ?? new Dictionary<Guid, string>())
            v.Text($"taskComments[{id}]", text, RectificationTask.ReasonMax, required: false);
        v.ThrowIfInvalid();
        plan.Return(Actor.UserId ?? Guid.Empty, clean!, clock.GetUtcNow());
        var tasks = await db.Tasks.Where(t => t.PlanId == plan.Id && t.State == TaskState.Planned).ToListAsync(ct);
        foreach (var t in tasks) t.Comment(taskComments?.GetValueOrDefault(t.Id));
        var perTask = tasks.Where(t => t.ReviewComment is not null).ToDictionary(t => t.Id.ToString(), t => t.ReviewComment);
        (await CurrentRevisionAsync(plan, ct)).Record(PlanStatus.Returned, clean, perTask.Count == 0 ? null : JsonSerializer.Serialize(perTask));
        await notifications.NotifyOrganizationAsync(target.OrganizationId, NotificationKind.Returned,
            string.Format(Messages.Notice_PlanReturned, clean), $"/targets/{targetId}", ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A supplementary task on an approved plan; it must fit the policy like any other.</summary>
    public async Task<Guid> ProposeTaskAsync(Guid targetId, TaskInput input, CancellationToken ct = default)
    {
        var (plan, target) = await ForUnitAsync(targetId, ct);
        if (plan.Status != PlanStatus.Approved) throw new DomainException(Messages.Plan_SupplementOnlyWhenApproved);
        var clean = await rules.ValidateAsync(input, ct);
        var problem = await ProblemOfAsync(target, input.ProblemId, ct);
        var task = RectificationTask.Propose(Guid.CreateVersion7(clock.GetUtcNow()), plan.Id, problem, await NextSequenceAsync(plan.Id, ct), clock.GetUtcNow());
        task.Edit(clean.Goal, clean.Measures, clean.Leader, clean.Lead, clean.CoOrganizations, clean.Kind, clean.Deadline, clean.Milestones);
        var round = await db.Rounds.SingleAsync(r => r.Id == target.RoundId, ct);
        var issues = TaskRules.DeadlineProblems(task, target.FeedbackDate!.Value, clock.Today(), await deadlines.PolicyAsync(round.CommitteeId, ct)).ToList();
        if (issues.Count > 0) throw new ValidationException(new Dictionary<string, string[]> { ["deadline"] = issues.ToArray() });
        db.Tasks.Add(task);
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.Waiting, Messages.Notice_SupplementWaiting, $"/tasks/{task.Id}", ct);
        await db.SaveChangesAsync(ct);
        return task.Id;
    }

    public async Task ApproveSupplementAsync(Guid taskId, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var task = await db.ForUpdateAsync(db.Tasks, t => t.Id == taskId, version, ct);
        task.ApproveSupplement();
        await NotifyUnitOfTaskAsync(task, NotificationKind.System, Messages.Notice_SupplementApproved, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task RejectSupplementAsync(Guid taskId, string? reason, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var task = await db.ForUpdateAsync(db.Tasks, t => t.Id == taskId, version, ct);
        if (task.State != TaskState.Proposed) throw new DomainException(string.Format(Messages.Transition_Illegal, task.State.Label(), Messages.Action_Return));
        if (string.IsNullOrWhiteSpace(reason)) throw new ValidationException("reason", Messages.Review_CommentRequired);
        db.Tasks.Remove(task);
        await NotifyUnitOfTaskAsync(task, NotificationKind.Returned, string.Format(Messages.Notice_SupplementRejected, reason.Trim()), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The office asks the 系统管理员 to open a liaison account for a target's unit that has none (the office makes no
    /// accounts itself: 三员分立); the notice links to the account form with the organisation chosen.
    /// </summary>
    public async Task RequestLiaisonAsync(Guid targetId, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var target = await db.RoundTargets.VisibleTo(db).SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        if (await PlanQueries.HasLiaisonAsync(db, target.OrganizationId, ct)) throw new DomainException(Messages.Plan_UnitHasLiaison);
        var unit = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        await notifications.NotifyRoleAsync(Role.SysAdmin, NotificationKind.Waiting,
            string.Format(Messages.Notice_LiaisonWanted, unit, Actor.DisplayName, clock.Today().ToString("yyyy-MM-dd")),
            $"/admin/account-edit?organizationId={target.OrganizationId}", ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The plan for its unit's liaison to write — or, for a unit without a liaison account, for the office to write on
    /// the unit's behalf (代录): every such change is audited as done on behalf of the unit.
    /// </summary>
    private async Task<(RectificationPlan, RoundTarget)> ForUnitAsync(Guid targetId, CancellationToken ct)
    {
        if (!Actor.Can(Permission.WritePlans)) Actor.Demand(Permission.ReviewRectification);
        var target = await db.RoundTargets.VisibleTo(db).SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.TargetId == targetId, ct) ?? throw new NotFoundException(Messages.Plan_NotYet);
        if (Actor.Has(Role.Unit) && Actor.OrganizationId == target.OrganizationId) return (plan, target);
        if (!Actor.Can(Permission.ReviewRectification)) throw new ForbiddenException(Messages.Plan_OnlyUnit);
        if (await PlanQueries.HasLiaisonAsync(db, target.OrganizationId, ct)) throw new ForbiddenException(Messages.Plan_UnitHasLiaison);
        var unit = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        db.Record(AuditAction.OnBehalf, "rectification_plans", plan.Id.ToString(), detail: new { unit });
        return (plan, target);
    }

    private async Task<(RectificationPlan, RoundTarget)> ForReviewAsync(Guid targetId, uint? version, CancellationToken ct)
    {
        Actor.Demand(Permission.ReviewRectification);
        var plan = await db.ForUpdateAsync(db.Plans.VisibleTo(db), p => p.TargetId == targetId, version, ct);
        return (plan, await db.RoundTargets.SingleAsync(t => t.Id == targetId, ct));
    }

    private async Task<Guid> ProblemOfAsync(RoundTarget target, Guid? problemId, CancellationToken ct) =>
        problemId is { } id && await db.Problems.AnyAsync(p => p.Id == id && p.TargetId == target.Id && p.Status == ProblemStatus.Approved, ct)
            ? id : throw new ValidationException("problemId", Messages.Plan_NoSuchProblem);

    private async Task<int> NextSequenceAsync(Guid planId, CancellationToken ct) =>
        (await db.Tasks.Where(t => t.PlanId == planId).MaxAsync(t => (int?)t.Sequence, ct) ?? 0) + 1;

    private Task<PlanRevision> CurrentRevisionAsync(RectificationPlan plan, CancellationToken ct) =>
        db.PlanRevisions.SingleAsync(r => r.PlanId == plan.Id && r.Number == plan.Revision, ct);

    private async Task NotifyUnitOfTaskAsync(RectificationTask task, NotificationKind kind, string title, CancellationToken ct)
    {
        var org = await (from p in db.Plans join t in db.RoundTargets on p.TargetId equals t.Id where p.Id == task.PlanId select t.OrganizationId).SingleAsync(ct);
        await notifications.NotifyOrganizationAsync(org, kind, title, $"/tasks/{task.Id}", ct);
    }

    private async Task<string> SnapshotAsync(List<RectificationTask> tasks, List<Problem> problems, CancellationToken ct)
    {
        var ids = tasks.SelectMany(t => t.CoOrganizations.Select(c => c.OrganizationId).Append(t.LeadOrganizationId)).Distinct().ToList();
        var names = await db.Organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return JsonSerializer.Serialize(tasks.Select(t =>
        {
            var p = problems.First(x => x.Id == t.ProblemId);
            return new TaskSnapshot(t.Id, p.Number, p.Title, t.Sequence, t.Goal, t.Measures, t.ResponsibleLeader, names[t.LeadOrganizationId],
                t.CoOrganizations.Select(c => names[c.OrganizationId]).ToList(), t.Kind, t.Deadline,
                t.Milestones.OrderBy(m => m.DueOn).Select(m => new MilestoneView(m.DueOn, m.Description)).ToList());
        }).ToList());
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
