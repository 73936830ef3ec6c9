using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Notifications;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

public sealed record CategorySection(string Category, IReadOnlyList<ProblemRow> Problems);

public sealed record GroupReportView(
    Guid GroupId, string GroupName, Guid RoundId, string RoundName, RoundStatus RoundStatus, IReadOnlyList<string> Targets,
    ReportStatus? Status, string? GeneralAssessment, string? Suggestions, string? ReviewComment, DateTimeOffset? SubmittedAt,
    IReadOnlyList<CategorySection> ProblemsByCategory, uint? Version, bool CanEdit, bool CanReview);

/// <summary>The group's report to the leading group: an assessment, the approved problems by category, suggestions.</summary>
public sealed class GroupReportService(XunchaDbContext db, ProblemQueries problems, NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<GroupReportView> GetAsync(Guid groupId, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewRounds);
        var group = await db.Groups.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException();
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == group.RoundId, ct);
        var report = await db.GroupReports.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(r => r.GroupId == groupId, ct);
        var targets = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.GroupId == groupId orderby o.SortOrder select o.Name).ToListAsync(ct);
        var approved = await problems.ListAsync(new ProblemFilter(GroupId: groupId, Status: ProblemStatus.Approved), ct);
        // in the taxonomy's order (五个方面, or the 四个落实), as the printed report has them
        var ids = approved.Select(p => p.CategoryId).Distinct().ToList();
        var order = await db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.SortOrder, ct);
        var sections = approved.GroupBy(p => (p.CategoryId, p.Category)).OrderBy(g => order.GetValueOrDefault(g.Key.CategoryId))
            .Select(g => new CategorySection(g.Key.Category, g.ToList())).ToList();
        var isLeader = await IsLeaderAsync(groupId, ct);
        var editable = report is null || report.Status is ReportStatus.Draft or ReportStatus.Returned;
        return new GroupReportView(group.Id, group.Name, round.Id, round.Name, round.Status, targets, report?.Status, report?.GeneralAssessment,
            report?.Suggestions, report?.ReviewComment, report?.SubmittedAt, sections, report?.Version,
            isLeader && editable && round.Status is RoundStatus.InField or RoundStatus.Reporting,
            Actor.Can(Permission.ApproveRounds) && report?.Status == ReportStatus.Submitted);
    }

    public async Task SaveAsync(Guid groupId, string? assessment, string? suggestions, uint? version, CancellationToken ct = default)
    {
        var (report, _) = await ForLeaderAsync(groupId, version, ct);
        var v = new Validator();
        var a = v.Text("generalAssessment", assessment, GroupReport.TextMax, required: false) ?? "";
        var s = v.Text("suggestions", suggestions, GroupReport.TextMax, required: false);
        v.ThrowIfInvalid();
        report.Edit(a, s);
        await db.SaveChangesAsync(ct);
    }

    public async Task SubmitAsync(Guid groupId, uint? version, CancellationToken ct = default)
    {
        var (report, round) = await ForLeaderAsync(groupId, version, ct);
        if (round.Status != RoundStatus.Reporting) throw new DomainException(Messages.GroupReport_OnlyWhenReporting);
        report.Submit(clock.GetUtcNow());
        await notifications.NotifyRoleAsync(Role.LeadingGroup, NotificationKind.Waiting,
            string.Format(Messages.Notice_GroupReportWaiting, round.Name, await GroupNameAsync(groupId, ct)), $"/groups/{groupId}/report", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ApproveAsync(Guid groupId, string? comment, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ApproveRounds);
        var report = await db.ForUpdateAsync(db.GroupReports.VisibleTo(db), r => r.GroupId == groupId, version, ct);
        report.Approve(Actor.UserId ?? Guid.Empty, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), clock.GetUtcNow());
        var round = await db.Rounds.SingleAsync(r => r.Id == report.RoundId, ct);
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.Waiting,
            string.Format(Messages.Notice_GroupReportApproved, round.Name, await GroupNameAsync(groupId, ct)), $"/rounds/{round.Id}", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Guid groupId, string? comment, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ApproveRounds);
        var report = await db.ForUpdateAsync(db.GroupReports.VisibleTo(db), r => r.GroupId == groupId, version, ct);
        report.Return(comment?.Trim() ?? "");
        foreach (var leader in await db.GroupMembers.Where(m => m.GroupId == groupId && m.Role == GroupRole.Leader && m.UserId != null).Select(m => m.UserId!.Value).ToListAsync(ct))
            notifications.Notify(leader, NotificationKind.Returned, string.Format(Messages.Notice_GroupReportReturned, report.ReviewComment), $"/groups/{groupId}/report");
        await db.SaveChangesAsync(ct);
    }

    private async Task<(GroupReport, Round)> ForLeaderAsync(Guid groupId, uint? version, CancellationToken ct)
    {
        Actor.Demand(Permission.WriteGroupReports);
        var group = await db.Groups.VisibleTo(db).SingleOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException();
        if (!await IsLeaderAsync(groupId, ct)) throw new ForbiddenException(Messages.GroupReport_OnlyLeader);
        var round = await db.Rounds.SingleAsync(r => r.Id == group.RoundId, ct);
        if (round.Status is not (RoundStatus.InField or RoundStatus.Reporting))
            throw new DomainException(string.Format(Messages.Problem_NotInFieldwork, round.Status.Label()));
        var report = await db.GroupReports.SingleOrDefaultAsync(r => r.GroupId == groupId, ct);
        db.MatchVersion(report, version);
        if (report is null)
        {
            report = GroupReport.Start(Guid.CreateVersion7(clock.GetUtcNow()), round.Id, groupId);
            db.GroupReports.Add(report);
        }
        return (report, round);
    }

    private Task<bool> IsLeaderAsync(Guid groupId, CancellationToken ct) => db.IsInGroupAsync(groupId, leaderOnly: true, ct);

    private Task<string> GroupNameAsync(Guid groupId, CancellationToken ct) => db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync(ct);
}
