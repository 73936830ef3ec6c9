using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Notifications;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

/// <summary>
/// 反馈: the office gives each target its feedback on a date, once the group's report is approved. From then on
/// the unit sees its approved problems and owes a plan (and later a report) by the policy's deadlines.
/// </summary>
public sealed class FeedbackService(XunchaDbContext db, RoundService rounds, DeadlineService deadlines,
    NotificationService notifications, TimeProvider clock)
{
    public async Task GiveAsync(Guid targetId, DateOnly? on, uint? version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var target = await db.ForUpdateAsync(db.RoundTargets, t => t.Id == targetId, version, ct);
        var round = await db.Rounds.SingleAsync(r => r.Id == target.RoundId, ct);
        if (round.Status is not (RoundStatus.Reporting or RoundStatus.FedBack))
            throw new DomainException(string.Format(Messages.Feedback_WrongStage, round.Status.Label()));
        var report = await db.GroupReports.SingleOrDefaultAsync(r => r.GroupId == target.GroupId, ct);
        if (report?.Status != ReportStatus.Approved) throw new DomainException(Messages.Feedback_ReportNotApproved);
        var date = on ?? clock.Today();
        if (date > clock.Today()) throw new ValidationException("date", Messages.Feedback_InFuture);
        if (round.FieldworkEndedOn is { } ended && date < ended) throw new ValidationException("date", Messages.Feedback_BeforeFieldworkEnd);

        target.GiveFeedback(date, db.Actor.UserId ?? Guid.Empty);
        db.Plans.Add(RectificationPlan.Start(Guid.CreateVersion7(clock.GetUtcNow()), target.Id));
        var due = await deadlines.ForFeedbackAsync(round.CommitteeId, date, ct);
        await notifications.NotifyOrganizationAsync(target.OrganizationId, NotificationKind.Waiting,
            string.Format(Messages.Notice_FeedbackGiven, round.Name, due.PlanDue.ToString("yyyy-MM-dd")), $"/targets/{target.Id}", ct);
        await db.SaveChangesAsync(ct);
        await rounds.AdvanceAsync(round.Id, ct);
        await db.SaveChangesAsync(ct);
    }
}
