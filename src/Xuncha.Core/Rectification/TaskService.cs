using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Notifications;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

/// <summary>
/// Progress and closure (销号): the unit reports progress with evidence and applies for closure; the office
/// closes the task after checking the evidence — "件件有着落，事事有回音" — or returns it with a reason.
/// </summary>
public sealed class TaskService(XunchaDbContext db, FileStore files, NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task ReportProgressAsync(Guid taskId, string? text, int? percent, IReadOnlyList<Upload>? uploads, uint? version, CancellationToken ct = default)
    {
        var (task, _) = await ForUnitAsync(taskId, version, ct);
        var v = new Validator();
        var clean = v.Text("text", text, ProgressReport.TextMax, required: true);
        if (percent is null) v.Add("percent", Messages.Error_Required);
        v.ThrowIfInvalid();
        task.ReportProgress(percent!.Value);
        await AddReportAsync(task, clean!, percent.Value, closure: false, uploads, ct);
    }

    /// <summary>Applies for closure: a statement of what was done, and at least one evidence file.</summary>
    public async Task RequestClosureAsync(Guid taskId, string? statement, IReadOnlyList<Upload>? uploads, uint? version, CancellationToken ct = default)
    {
        var (task, target) = await ForUnitAsync(taskId, version, ct);
        var v = new Validator();
        var clean = v.Text("statement", statement, RectificationTask.StatementMax, required: true);
        if (uploads is not { Count: > 0 }) v.Add("files", Messages.File_Required);
        v.ThrowIfInvalid();
        task.RequestClosure(clean!, clock.GetUtcNow());
        var org = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.Waiting, string.Format(Messages.Notice_ClosureWaiting, org, task.Goal), $"/tasks/{taskId}", ct);
        await AddReportAsync(task, clean!, task.Percent, closure: true, uploads, ct);
    }

    public async Task CloseAsync(Guid taskId, ClosureResult result, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var task = await db.ForUpdateAsync(db.Tasks.VisibleTo(db), t => t.Id == taskId, version, ct);
        task.Close(Actor.UserId ?? Guid.Empty, clock.Today(), result);
        await NotifyUnitAsync(task, NotificationKind.System, string.Format(Messages.Notice_TaskClosed, task.Goal), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnClosureAsync(Guid taskId, string? reason, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewRectification);
        var task = await db.ForUpdateAsync(db.Tasks.VisibleTo(db), t => t.Id == taskId, version, ct);
        var v = new Validator();
        var clean = v.Text("reason", reason, RectificationTask.ReasonMax, required: true);
        v.ThrowIfInvalid();
        task.ReturnClosure(clean!);
        await NotifyUnitAsync(task, NotificationKind.Returned, string.Format(Messages.Notice_ClosureReturned, task.Goal, clean), ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task AddReportAsync(RectificationTask task, string text, int percent, bool closure, IReadOnlyList<Upload>? uploads, CancellationToken ct)
    {
        var report = ProgressReport.Of(Guid.CreateVersion7(clock.GetUtcNow()), task.Id, text, percent, closure, Actor.UserId!.Value, clock.GetUtcNow());
        db.ProgressReports.Add(report);
        var added = uploads is { Count: > 0 } ? await files.AddAllAsync(FileOwner.Progress, report.Id, uploads, ct) : [];
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Discard(added);
            throw;
        }
    }

    /// <summary>The lead unit's liaison; co-units see the task but do not report on it.</summary>
    private async Task<(RectificationTask, RoundTarget)> ForUnitAsync(Guid taskId, uint? version, CancellationToken ct)
    {
        Actor.Demand(Permission.WritePlans);
        var task = await db.ForUpdateAsync(db.Tasks.VisibleTo(db), t => t.Id == taskId, version, ct);
        var target = await (from p in db.Plans join t in db.RoundTargets on p.TargetId equals t.Id where p.Id == task.PlanId select t).SingleAsync(ct);
        if (!(Actor.Has(Role.Unit) && Actor.OrganizationId == target.OrganizationId)) throw new ForbiddenException(Messages.Plan_OnlyUnit);
        return (task, target);
    }

    private async Task NotifyUnitAsync(RectificationTask task, NotificationKind kind, string title, CancellationToken ct)
    {
        var org = await (from p in db.Plans join t in db.RoundTargets on p.TargetId equals t.Id where p.Id == task.PlanId select t.OrganizationId).SingleAsync(ct);
        await notifications.NotifyOrganizationAsync(org, kind, title, $"/tasks/{task.Id}", ct);
    }
}
