using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Rectification;

namespace Xuncha.Notifications;

/// <summary>
/// Reminders: a unit is told when a task, its plan or its report is due within the warning days, and again
/// when it is overdue — once per item and deadline, not every day. The office gets one digest a day of
/// what is overdue. Run every hour by the web host, or by `xuncha remind`.
/// </summary>
public sealed class DeadlineReminders(XunchaDbContext db, DeadlineService deadlines, TimeProvider clock)
{
    private readonly record struct Notice(Guid OrganizationId, NotificationKind Kind, string Title, string Link, string Key);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var notices = new List<Notice>();
        var overdue = 0;

        var tasks = await (from t in db.Tasks.Include(t => t.Milestones)
                           where t.State == TaskState.InProgress || t.State == TaskState.ClosureRequested
                           join p in db.Plans on t.PlanId equals p.Id
                           join g in db.RoundTargets on p.TargetId equals g.Id
                           join r in db.Rounds on g.RoundId equals r.Id
                           select new { t, g.OrganizationId, r.CommitteeId }).ToListAsync(ct);
        foreach (var x in tasks)
        {
            var due = Countdown.DueOf(x.t.Deadline, x.t.Milestones.Select(m => m.DueOn), today);
            var c = await deadlines.CountdownAsync(x.CommitteeId, due, null, ct);
            if (c.Level == DueLevel.Overdue) overdue++;
            if (c.Level is DueLevel.Warning or DueLevel.Overdue)
                notices.Add(new Notice(x.OrganizationId, c.Level == DueLevel.Overdue ? NotificationKind.Overdue : NotificationKind.DueSoon,
                    string.Format(c.Level == DueLevel.Overdue ? Messages.Notice_TaskOverdue : Messages.Notice_TaskDueSoon, Short(x.t.Goal), due.ToString("yyyy-MM-dd"), c.Text),
                    $"/tasks/{x.t.Id}", $"task-{c.Level}:{x.t.Id}:{due:yyyyMMdd}"));
        }

        var targets = await (from g in db.RoundTargets where g.FeedbackDate != null
                             join r in db.Rounds on g.RoundId equals r.Id
                             join p in db.Plans on g.Id equals p.TargetId
                             join rr in db.RectificationReports on g.Id equals rr.TargetId into rs
                             from rr in rs.DefaultIfEmpty()
                             select new { g.Id, g.OrganizationId, g.FeedbackDate, r.CommitteeId, r.Name, Plan = p.Status, Report = (RectificationReportStatus?)rr.Status })
            .ToListAsync(ct);
        foreach (var x in targets)
        {
            var d = await deadlines.ForFeedbackAsync(x.CommitteeId, x.FeedbackDate!.Value, ct);
            if (x.Plan is PlanStatus.Draft or PlanStatus.Returned)
                await AddAsync(x.CommitteeId, x.OrganizationId, d.PlanDue, Messages.Notice_PlanDue, x.Name, $"/targets/{x.Id}", $"plan:{x.Id}");
            if (x.Plan == PlanStatus.Approved && x.Report is null or RectificationReportStatus.Draft or RectificationReportStatus.Returned)
                await AddAsync(x.CommitteeId, x.OrganizationId, d.ReportDue, Messages.Notice_ReportDue, x.Name, $"/targets/{x.Id}/report", $"report:{x.Id}");
        }

        var sent = await SendAsync(notices, ct);
        if (overdue > 0) sent += await DigestAsync(overdue, today, ct);
        sent += await ClueRepliesAsync(today, ct);
        await db.SaveChangesAsync(ct);
        return sent;

        async Task AddAsync(Guid committee, Guid org, DateOnly due, string format, string round, string link, string key)
        {
            var c = await deadlines.CountdownAsync(committee, due, null, ct);
            if (c.Level is not (DueLevel.Warning or DueLevel.Overdue)) return;
            if (c.Level == DueLevel.Overdue) overdue++;
            notices.Add(new Notice(org, c.Level == DueLevel.Overdue ? NotificationKind.Overdue : NotificationKind.DueSoon,
                string.Format(format, round, due.ToString("yyyy-MM-dd"), c.Text), link, $"{key}:{c.Level}:{due:yyyyMMdd}"));
        }
    }

    private async Task<int> SendAsync(List<Notice> notices, CancellationToken ct)
    {
        var orgs = notices.Select(n => n.OrganizationId).Distinct().ToList();
        var unitRole = Role.Unit.Key();
        var liaisons = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id join u in db.Users on ur.UserId equals u.Id
                               where r.Name == unitRole && u.IsActive && u.OrganizationId != null && orgs.Contains(u.OrganizationId.Value)
                               select new { u.Id, Org = u.OrganizationId!.Value }).ToListAsync(ct)).ToLookup(x => x.Org, x => x.Id);
        var keys = notices.Select(n => n.Key).ToList();
        var already = (await db.Notifications.Where(n => n.DedupKey != null && keys.Contains(n.DedupKey)).Select(n => new { n.UserId, n.DedupKey }).ToListAsync(ct))
            .Select(n => (n.UserId, n.DedupKey!)).ToHashSet();
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var n in notices)
            foreach (var user in liaisons[n.OrganizationId].Where(u => already.Add((u, n.Key))))
            {
                db.Notifications.Add(Notification.Create(user, n.Kind, n.Title, n.Link, now, n.Key));
                sent++;
            }
        return sent;
    }

    private async Task<int> DigestAsync(int overdue, DateOnly today, CancellationToken ct)
    {
        var key = $"overdue-digest:{today:yyyyMMdd}";
        var office = Role.Office.Key();
        var users = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id join u in db.Users on ur.UserId equals u.Id
                           where r.Name == office && u.IsActive && !db.Notifications.Any(n => n.UserId == u.Id && n.DedupKey == key)
                           select u.Id).ToListAsync(ct);
        foreach (var u in users)
            db.Notifications.Add(Notification.Create(u, NotificationKind.Overdue, string.Format(Messages.Notice_OverdueDigest, overdue), "/ledger?overdue=true", clock.GetUtcNow(), key));
        return users.Count;
    }

    /// <summary>
    /// A transferred clue's reply: the receiver (纪委 and its secretary; 组织部's by the office) and the office hear when it is due
    /// within 15 days and when it is overdue, once per clue and state. The notice names the clue's number, never what it says.
    /// </summary>
    private async Task<int> ClueRepliesAsync(DateOnly today, CancellationToken ct)
    {
        var soon = today.AddDays(Confidential.ClueService.DueSoonDays);
        var clues = await (from c in db.Clues where c.Status == Confidential.ClueStatus.Acknowledged && c.ReplyDue <= soon
                           join r in db.Rounds on c.RoundId equals r.Id
                           select new { c.Id, c.Sequence, c.ReplyDue, c.Receiver, r.Year, r.Ordinal }).ToListAsync(ct);
        if (clues.Count == 0) return 0;
        var names = new[] { Role.Office.Key(), Role.Discipline.Key(), Role.DisciplineSecretary.Key() };
        var people = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id join u in db.Users on ur.UserId equals u.Id
                             where names.Contains(r.Name!) && u.IsActive select new { u.Id, Role = r.Name }).ToListAsync(ct));
        var sent = 0;
        foreach (var c in clues)
        {
            var late = c.ReplyDue < today;
            var key = $"clue-reply:{c.Id}:{(late ? "overdue" : "soon")}:{c.ReplyDue:yyyyMMdd}";
            var number = Confidential.Clue.FormatNumber(c.Year, c.Ordinal, c.Sequence);
            var title = string.Format(late ? Messages.Notice_ClueReplyOverdue : Messages.Notice_ClueReplyDueSoon, number, c.ReplyDue!.Value.ToString("yyyy-MM-dd"));
            var to = people.Where(p => p.Role == Role.Office.Key() || c.Receiver == Confidential.ClueReceiver.Discipline).Select(p => p.Id).Distinct().ToList();
            var already = (await db.Notifications.Where(n => n.DedupKey == key).Select(n => n.UserId).ToListAsync(ct)).ToHashSet();
            foreach (var u in to.Where(u => !already.Contains(u)))
            {
                db.Notifications.Add(Notification.Create(u, late ? NotificationKind.Overdue : NotificationKind.DueSoon, title, $"/clues/{c.Id}", clock.GetUtcNow(), key));
                sent++;
            }
        }
        return sent;
    }

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;
}
