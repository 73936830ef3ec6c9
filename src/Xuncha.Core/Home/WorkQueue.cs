using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Confidential;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Ledger;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.Home;

public sealed record WorkItem(string Title, string Detail, string Link, Countdown? Due = null);

/// <summary>What waits for the signed-in person, by role: the parts their permissions open, each already scoped.</summary>
public sealed record WorkQueue(
    IReadOnlyList<WorkItem> OfficeReviews, IReadOnlyList<WorkItem> Approvals, IReadOnlyList<WorkItem> ProblemReviews,
    IReadOnlyList<WorkItem> MyDrafts, IReadOnlyList<WorkItem> UnitTargets, IReadOnlyList<LedgerRow> UnitTasks,
    IReadOnlyList<LedgerRow> Overdue, IReadOnlyDictionary<RoundStatus, int> RoundsByStage, IReadOnlyList<WorkItem>? ClueWork = null);

public sealed class WorkQueues(XunchaDbContext db, RoundQueries rounds, LedgerService ledger, DeadlineService deadlines)
{
    private Actor Actor => db.Actor;

    public async Task<WorkQueue> ForCurrentActorAsync(CancellationToken ct = default)
    {
        if (!Actor.Can(Permission.ViewRounds))
            return new WorkQueue([], [], [], [], [], [], [], new Dictionary<RoundStatus, int>());
        var clueWork = Actor.Can(Permission.ReceiveClues) ? await ClueWorkAsync(ct) : [];
        var stages = (await rounds.ListAsync(new RoundFilter(), ct)).GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        var isUnit = Actor.Has(Role.Unit) && Actor.OrganizationId is not null;
        var tasks = Actor.Can(Permission.ReviewRectification) || isUnit || Actor.Can(Permission.ViewLedger)
            ? (await ledger.QueryAsync(new LedgerFilter(), ct)).Rows : [];
        return new WorkQueue(
            Actor.Can(Permission.ReviewRectification) ? await OfficeReviewsAsync(ct) : [],
            Actor.Can(Permission.ApproveRounds) ? await ApprovalsAsync(ct) : [],
            Actor.Can(Permission.ReviewProblems) ? await ProblemReviewsAsync(ct) : [],
            Actor.Can(Permission.DraftProblems) ? await MyDraftsAsync(ct) : [],
            isUnit ? await UnitTargetsAsync(ct) : [],
            isUnit ? tasks.Where(t => t.OrganizationId == Actor.OrganizationId && t.TaskId != null && t.State != TaskState.Closed).OrderBy(t => t.Due?.Due).ToList() : [],
            tasks.Where(t => t.Due?.Level == DueLevel.Overdue).OrderBy(t => t.Due!.DaysLeft).ToList(),
            stages, clueWork);
    }

    private async Task<List<WorkItem>> OfficeReviewsAsync(CancellationToken ct)
    {
        var items = new List<WorkItem>();
        var plans = await (from p in db.Plans.VisibleTo(db) where p.Status == PlanStatus.Submitted
                           join t in db.RoundTargets on p.TargetId equals t.Id join o in db.Organizations on t.OrganizationId equals o.Id
                           orderby p.SubmittedAt select new { t.Id, o.Name, p.Revision }).ToListAsync(ct);
        items.AddRange(plans.Select(p => new WorkItem(string.Format(Messages.Work_PlanReview, p.Name), string.Format(Messages.Work_Revision, p.Revision), $"/targets/{p.Id}")));
        var closures = await (from t in db.Tasks.VisibleTo(db) where t.State == TaskState.ClosureRequested || t.State == TaskState.Proposed
                              join p in db.Plans on t.PlanId equals p.Id join g in db.RoundTargets on p.TargetId equals g.Id
                              join o in db.Organizations on g.OrganizationId equals o.Id
                              orderby t.ClosureRequestedAt select new { t.Id, t.Goal, t.State, o.Name }).ToListAsync(ct);
        items.AddRange(closures.Select(c => new WorkItem(string.Format(c.State == TaskState.Proposed ? Messages.Work_Supplement : Messages.Work_Closure, c.Name), c.Goal, $"/tasks/{c.Id}")));
        var reports = await (from r in db.RectificationReports.VisibleTo(db) where r.Status == RectificationReportStatus.Submitted
                             join t in db.RoundTargets on r.TargetId equals t.Id join o in db.Organizations on t.OrganizationId equals o.Id
                             select new { t.Id, o.Name }).ToListAsync(ct);
        items.AddRange(reports.Select(r => new WorkItem(string.Format(Messages.Work_ReportEvaluation, r.Name), "", $"/targets/{r.Id}/report")));
        if (Actor.Can(Permission.ManagePool))
        {
            var applications = await (from m in db.PoolMembers where m.Status == Pool.MemberStatus.Applied
                                      join o in db.Organizations on m.OrganizationId equals o.Id
                                      orderby m.AppliedAt select new { m.Id, m.Name, Org = o.Name, m.EntryRoute }).ToListAsync(ct);
            items.AddRange(applications.Select(a => new WorkItem(string.Format(Messages.Work_PoolApplication, a.Name), $"{a.Org} · {Labels.Of(a.EntryRoute)}", $"/pool/{a.Id}")));
        }
        return items;
    }

    /// <summary>
    /// The receiver's work with transferred clues (纪委; the office for 组织部): batches waiting to be signed for, and
    /// replies past their three months — by number only, never content.
    /// </summary>
    private async Task<List<WorkItem>> ClueWorkAsync(CancellationToken ct)
    {
        var today = deadlines.Today;
        var transfers = await db.ClueTransfers.VisibleTo(db).AsNoTracking().Where(t => t.AcknowledgedOn == null).OrderBy(t => t.TransferredOn)
            .Select(t => new { t.Id, t.Year, t.Sequence, t.TransferredOn, Count = db.Clues.Count(c => c.TransferId == t.Id) }).ToListAsync(ct);
        var items = transfers.Select(t => new WorkItem(string.Format(Messages.Work_TransferToSign, Confidential.ClueTransfer.FormatNumber(t.Year, t.Sequence)),
            string.Format(Messages.Work_TransferDetail, t.TransferredOn.ToString("yyyy-MM-dd"), t.Count), $"/clues/transfers/{t.Id}")).ToList();
        var overdue = await (from c in db.Clues.VisibleTo(db).AsNoTracking()
                             where c.Status == Confidential.ClueStatus.Acknowledged && c.ReplyDue < today
                             join r in db.Rounds on c.RoundId equals r.Id
                             orderby c.ReplyDue
                             select new { c.Id, c.ReplyDue, r.Year, r.Ordinal, c.Sequence }).ToListAsync(ct);
        items.AddRange(overdue.Select(c => new WorkItem(string.Format(Messages.Work_ClueReplyOverdue, Confidential.Clue.FormatNumber(c.Year, c.Ordinal, c.Sequence)),
            string.Format(Messages.Work_ClueReplyDue, c.ReplyDue!.Value.ToString("yyyy-MM-dd")), $"/clues/{c.Id}",
            Countdown.For(c.ReplyDue.Value, today, 0, null))));
        return items;
    }

    private async Task<List<WorkItem>> ApprovalsAsync(CancellationToken ct)
    {
        var items = await db.Rounds.VisibleTo(db).Where(r => r.Status == RoundStatus.PendingApproval)
            .Select(r => new WorkItem(string.Format(Messages.Work_RoundApproval, r.Name), "", "/rounds/" + r.Id, null)).ToListAsync(ct);
        items.AddRange(await (from r in db.GroupReports.VisibleTo(db) where r.Status == ReportStatus.Submitted
                              join g in db.Groups on r.GroupId equals g.Id join round in db.Rounds on g.RoundId equals round.Id
                              select new WorkItem(string.Format(Messages.Work_GroupReport, g.Name), round.Name, "/groups/" + g.Id + "/report", null)).ToListAsync(ct));
        return items;
    }

    private async Task<List<WorkItem>> ProblemReviewsAsync(CancellationToken ct)
    {
        var led = db.GroupMembers.Where(m => m.UserId == Actor.UserId && m.Role == GroupRole.Leader).Select(m => m.GroupId);
        return await (from p in db.Problems.VisibleTo(db) where p.Status == ProblemStatus.Submitted && led.Contains(p.GroupId)
                      join t in db.RoundTargets on p.TargetId equals t.Id join o in db.Organizations on t.OrganizationId equals o.Id
                      join u in db.Users on p.AuthorId equals u.Id
                      select new WorkItem(p.Title, o.Name + " · " + u.DisplayName, "/problems/" + p.Id, null)).ToListAsync(ct);
    }

    private async Task<List<WorkItem>> MyDraftsAsync(CancellationToken ct) =>
        await (from p in db.Problems.VisibleTo(db) where p.AuthorId == Actor.UserId && (p.Status == ProblemStatus.Draft || p.Status == ProblemStatus.Returned)
               join t in db.RoundTargets on p.TargetId equals t.Id join o in db.Organizations on t.OrganizationId equals o.Id
               orderby p.Status descending
               select new WorkItem(p.Title, p.Status == ProblemStatus.Returned ? Messages.Work_Returned + (p.ReturnReason ?? "") : o.Name, "/problems/" + p.Id, null))
            .ToListAsync(ct);

    private async Task<List<WorkItem>> UnitTargetsAsync(CancellationToken ct)
    {
        var rows = await (from t in db.RoundTargets.VisibleTo(db) where t.OrganizationId == Actor.OrganizationId && t.FeedbackDate != null
                          join r in db.Rounds on t.RoundId equals r.Id join p in db.Plans on t.Id equals p.TargetId
                          join rr in db.RectificationReports on t.Id equals rr.TargetId into rs
                          from rr in rs.DefaultIfEmpty()
                          orderby t.FeedbackDate descending
                          select new { t.Id, r.Name, r.CommitteeId, t.FeedbackDate, p.Status, Report = (RectificationReportStatus?)rr.Status }).ToListAsync(ct);
        var items = new List<WorkItem>();
        foreach (var x in rows)
        {
            var d = await deadlines.ForFeedbackAsync(x.CommitteeId, x.FeedbackDate!.Value, ct);
            var planOpen = x.Status is PlanStatus.Draft or PlanStatus.Returned;
            var reportOpen = x.Status == PlanStatus.Approved && x.Report is null or RectificationReportStatus.Draft or RectificationReportStatus.Returned;
            var due = planOpen ? await deadlines.CountdownAsync(x.CommitteeId, d.PlanDue, null, ct)
                : reportOpen ? await deadlines.CountdownAsync(x.CommitteeId, d.ReportDue, null, ct) : null;
            var what = planOpen ? Messages.Work_UnitPlan : reportOpen ? Messages.Work_UnitReport : x.Report == RectificationReportStatus.Evaluated ? Messages.Work_UnitDone : Messages.Work_UnitWaiting;
            items.Add(new WorkItem(x.Name, what + " · " + Labels.Of(x.Status), planOpen || x.Status != PlanStatus.Approved ? $"/targets/{x.Id}" : $"/targets/{x.Id}/report", due));
        }
        return items;
    }
}
