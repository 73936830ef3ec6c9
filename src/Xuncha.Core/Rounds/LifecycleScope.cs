using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Problems;
using Xuncha.Rectification;

namespace Xuncha.Rounds;

/// <summary>
/// The read filters of the lifecycle, one per entity; every list, detail, export and download goes through
/// them, and what they leave out answers 404. 巡察办 sees everything; 领导小组 and 纪委 see submitted rounds,
/// approved problems, reports and the ledger; a group sees its own targets and problems; a unit sees its own
/// fed-back problems, plan, tasks and files, and the tasks it co-owns (with their problems).
/// </summary>
public static class LifecycleScope
{
    private sealed record Who(bool All, bool Oversight, bool InGroup, bool IsUnit, Guid? UserId, Guid? OrganizationId);

    private static Who Of(Actor a) => new(
        a.IsSystem || a.Has(Role.Office),
        a.Has(Role.LeadingGroup) || a.Has(Role.Discipline),
        a.Has(Role.GroupLeader) || a.Has(Role.GroupMember),
        a.Has(Role.Unit) && a.OrganizationId is not null,
        a.UserId, a.OrganizationId);

    public static IQueryable<Round> VisibleTo(this IQueryable<Round> q, XunchaDbContext db)
    {
        var w = Of(db.Actor);
        if (w.All) return q;
        var myGroups = db.GroupMembers.Where(m => m.UserId == w.UserId).Select(m => m.GroupId);
        var groupRounds = db.Groups.Where(g => myGroups.Contains(g.Id)).Select(g => g.RoundId);
        var unitRounds = db.RoundTargets.Where(t => t.OrganizationId == w.OrganizationId && t.FeedbackDate != null).Select(t => t.RoundId);
        return q.Where(r => (w.Oversight && r.SubmittedAt != null)
                            || (w.InGroup && groupRounds.Contains(r.Id))
                            || (w.IsUnit && unitRounds.Contains(r.Id)));
    }

    public static IQueryable<InspectionGroup> VisibleTo(this IQueryable<InspectionGroup> q, XunchaDbContext db)
    {
        var w = Of(db.Actor);
        if (w.All) return q;
        var myGroups = db.GroupMembers.Where(m => m.UserId == w.UserId).Select(m => m.GroupId);
        var submitted = db.Rounds.Where(r => r.SubmittedAt != null).Select(r => r.Id);
        return q.Where(g => (w.Oversight && submitted.Contains(g.RoundId)) || (w.InGroup && myGroups.Contains(g.Id)));
    }

    public static IQueryable<RoundTarget> VisibleTo(this IQueryable<RoundTarget> q, XunchaDbContext db)
    {
        var w = Of(db.Actor);
        if (w.All) return q;
        var myGroups = db.GroupMembers.Where(m => m.UserId == w.UserId).Select(m => m.GroupId);
        var submitted = db.Rounds.Where(r => r.SubmittedAt != null).Select(r => r.Id);
        return q.Where(t => (w.Oversight && submitted.Contains(t.RoundId))
                            || (w.InGroup && t.GroupId != null && myGroups.Contains(t.GroupId.Value))
                            || (w.IsUnit && t.OrganizationId == w.OrganizationId && t.FeedbackDate != null));
    }

    /// <param name="asUnit">False leaves out what a unit may see as the inspected party (for fieldwork evidence).</param>
    public static IQueryable<Problem> VisibleTo(this IQueryable<Problem> q, XunchaDbContext db, bool asUnit = true)
    {
        var w = Of(db.Actor) with { IsUnit = asUnit && Of(db.Actor).IsUnit };
        if (w.All) return q;
        var myGroups = db.GroupMembers.Where(m => m.UserId == w.UserId).Select(m => m.GroupId);
        var unitTargets = db.RoundTargets.Where(t => t.OrganizationId == w.OrganizationId && t.FeedbackDate != null).Select(t => t.Id);
        // a co-unit needs to know what the task it helps with is about
        var coOwned = from c in db.TaskCoOrganizations where c.OrganizationId == w.OrganizationId
                      join t in db.Tasks on c.TaskId equals t.Id select t.ProblemId;
        return q.Where(p => (w.Oversight && p.Status == ProblemStatus.Approved)
                            || (w.InGroup && myGroups.Contains(p.GroupId))
                            || (w.IsUnit && p.Status == ProblemStatus.Approved && (unitTargets.Contains(p.TargetId) || coOwned.Contains(p.Id))));
    }

    public static IQueryable<RectificationPlan> VisibleTo(this IQueryable<RectificationPlan> q, XunchaDbContext db)
    {
        var targets = db.RoundTargets.VisibleTo(db).Select(t => t.Id);
        return q.Where(p => targets.Contains(p.TargetId));
    }

    public static IQueryable<RectificationTask> VisibleTo(this IQueryable<RectificationTask> q, XunchaDbContext db)
    {
        var w = Of(db.Actor);
        if (w.All) return q;
        var plans = db.Plans.VisibleTo(db).Select(p => p.Id);
        var coOwned = db.TaskCoOrganizations.Where(c => c.OrganizationId == w.OrganizationId).Select(c => c.TaskId);
        return q.Where(t => plans.Contains(t.PlanId) || (w.IsUnit && coOwned.Contains(t.Id)));
    }

    public static IQueryable<GroupReport> VisibleTo(this IQueryable<GroupReport> q, XunchaDbContext db)
    {
        var w = Of(db.Actor);
        if (w.All) return q;
        var myGroups = db.GroupMembers.Where(m => m.UserId == w.UserId).Select(m => m.GroupId);
        return q.Where(r => (w.Oversight && r.Status != ReportStatus.Draft) || (w.InGroup && myGroups.Contains(r.GroupId)));
    }

    public static IQueryable<RectificationReport> VisibleTo(this IQueryable<RectificationReport> q, XunchaDbContext db)
    {
        var targets = db.RoundTargets.VisibleTo(db).Select(t => t.Id);
        return q.Where(r => targets.Contains(r.TargetId));
    }
}
