using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Notifications;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

public sealed record RectificationReportView(
    Guid TargetId, string RoundName, string OrganizationName, RectificationReportStatus? Status, string? Summary, Grade? Grade,
    string? EvaluationComment, string? ReturnReason, DateTimeOffset? SubmittedAt, Countdown Due,
    int Tasks, int Closed, int Ongoing, int Open, bool CanEdit, bool CanEvaluate, uint? Version);

/// <summary>The unit's rectification report, due some months after feedback; the office evaluates it (好/较好/一般/差).</summary>
public sealed class RectificationReportService(XunchaDbContext db, RoundService rounds, DeadlineService deadlines,
    NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<RectificationReportView> GetAsync(Guid targetId, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewRounds);
        var target = await db.RoundTargets.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        if (target.FeedbackDate is null) throw new NotFoundException(Messages.Plan_NotYet);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == target.RoundId, ct);
        var org = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        var report = await db.RectificationReports.AsNoTracking().SingleOrDefaultAsync(r => r.TargetId == targetId, ct);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.TargetId == targetId, ct);
        var states = await db.Tasks.Where(t => t.PlanId == plan.Id && t.State != TaskState.Proposed && t.State != TaskState.Planned)
            .Select(t => new { t.State, t.ClosureResult }).ToListAsync(ct);
        var due = await deadlines.ForFeedbackAsync(round.CommitteeId, target.FeedbackDate.Value, ct);
        var submitted = report?.Status is RectificationReportStatus.Submitted or RectificationReportStatus.Evaluated;
        var isUnit = Actor.Has(Role.Unit) && Actor.OrganizationId == target.OrganizationId;
        return new RectificationReportView(targetId, round.Name, org, report?.Status, report?.Summary, report?.Grade, report?.EvaluationComment,
            report?.ReturnReason, report?.SubmittedAt, await deadlines.CountdownAsync(round.CommitteeId, due.ReportDue, submitted ? deadlines.DayOf(report!.SubmittedAt) : null, ct),
            states.Count, states.Count(s => s.ClosureResult == ClosureResult.Completed), states.Count(s => s.ClosureResult == ClosureResult.Ongoing),
            states.Count(s => s.State != TaskState.Closed),
            isUnit && plan.Status == PlanStatus.Approved && report?.Status is null or RectificationReportStatus.Draft or RectificationReportStatus.Returned,
            Actor.Can(Permission.ReviewRectification) && report?.Status == RectificationReportStatus.Submitted, report?.Version);
    }

    public async Task SaveAsync(Guid targetId, string? summary, uint? version, CancellationToken ct = default)
    {
        var report = await ForUnitAsync(targetId, version, ct);
        var v = new Validator();
        var clean = v.Text("summary", summary, RectificationReport.TextMax, required: false) ?? "";
        v.ThrowIfInvalid();
        report.Edit(clean);
        await db.SaveChangesAsync(ct);
    }

    public async Task SubmitAsync(Guid targetId, uint? version, CancellationToken ct = default)
    {
        var report = await ForUnitAsync(targetId, version, ct);
        report.Submit(clock.GetUtcNow());
        var org = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id where t.Id == targetId select o.Name).SingleAsync(ct);
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.Waiting, string.Format(Messages.Notice_ReportWaiting, org), $"/targets/{targetId}/report", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task EvaluateAsync(Guid targetId, Grade? grade, string? comment, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var report = await db.ForUpdateAsync(db.RectificationReports.VisibleTo(db), r => r.TargetId == targetId, version, ct);
        var v = new Validator();
        if (grade is null || !Enum.IsDefined(grade.Value)) v.Add("grade", Messages.Error_Required);
        var clean = v.Text("comment", comment, RectificationReport.CommentMax, required: grade == Grade.Poor);
        v.ThrowIfInvalid();
        report.Evaluate(Actor.UserId ?? Guid.Empty, grade!.Value, clean, clock.GetUtcNow());
        var target = await db.RoundTargets.SingleAsync(t => t.Id == targetId, ct);
        await notifications.NotifyOrganizationAsync(target.OrganizationId, NotificationKind.System,
            string.Format(Messages.Notice_ReportEvaluated, grade.Value.Label()), $"/targets/{targetId}/report", ct);
        await db.SaveChangesAsync(ct);
        await rounds.AdvanceAsync(target.RoundId, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Guid targetId, string? reason, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var report = await db.ForUpdateAsync(db.RectificationReports.VisibleTo(db), r => r.TargetId == targetId, version, ct);
        report.Return(reason?.Trim() ?? "");
        var target = await db.RoundTargets.SingleAsync(t => t.Id == targetId, ct);
        await notifications.NotifyOrganizationAsync(target.OrganizationId, NotificationKind.Returned,
            string.Format(Messages.Notice_ReportReturned, report.ReturnReason), $"/targets/{targetId}/report", ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task<RectificationReport> ForUnitAsync(Guid targetId, uint? version, CancellationToken ct)
    {
        Actor.Demand(Permission.WritePlans);
        var target = await db.RoundTargets.VisibleTo(db).SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        if (!(Actor.Has(Role.Unit) && Actor.OrganizationId == target.OrganizationId)) throw new ForbiddenException(Messages.Plan_OnlyUnit);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.TargetId == targetId, ct);
        if (plan?.Status != PlanStatus.Approved) throw new DomainException(Messages.Report_PlanNotApproved);
        var report = await db.RectificationReports.SingleOrDefaultAsync(r => r.TargetId == targetId, ct);
        db.MatchVersion(report, version);
        if (report is null)
        {
            report = RectificationReport.Start(Guid.CreateVersion7(clock.GetUtcNow()), targetId);
            db.RectificationReports.Add(report);
        }
        return report;
    }
}
