using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Notifications;

public sealed record NotificationView(Guid Id, NotificationKind Kind, string Title, string? Link, DateTimeOffset CreatedAt, bool IsRead);

/// <summary>In-app notices. Each user sees only their own.</summary>
public sealed class NotificationService(XunchaDbContext db, TimeProvider clock)
{
    public async Task<(IReadOnlyList<NotificationView> Items, int Unread)> MineAsync(int take = 20, CancellationToken ct = default)
    {
        var me = db.Actor.UserId;
        if (me is null) return ([], 0);
        var q = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        var items = await q.OrderByDescending(n => n.CreatedAt).Take(take)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        var unread = await q.CountAsync(n => n.ReadAt == null, ct);
        return (items, unread);
    }

    public async Task<string?> MarkReadAsync(Guid id, CancellationToken ct = default)
    {
        var me = db.Actor.UserId;
        var n = await db.Notifications.SingleOrDefaultAsync(x => x.Id == id && x.UserId == me, ct) ?? throw new NotFoundException();
        n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return n.Link;
    }

    public async Task MarkAllReadAsync(CancellationToken ct = default)
    {
        var me = db.Actor.UserId;
        var now = clock.GetUtcNow();
        foreach (var n in await db.Notifications.Where(x => x.UserId == me && x.ReadAt == null).ToListAsync(ct)) n.MarkRead(now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a notice for every active holder of a role; saved with the caller's next save.</summary>
    public async Task NotifyRoleAsync(Role role, NotificationKind kind, string title, string? link, CancellationToken ct = default)
    {
        var key = role.Key();
        var holders = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                             join u in db.Users on ur.UserId equals u.Id
                             where r.Name == key && u.IsActive select u.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        db.Notifications.AddRange(holders.Select(id => Notification.Create(id, kind, title, link, now)));
    }

    /// <summary>Notifies the liaisons of an organisation (被巡察单位联络员).</summary>
    public async Task NotifyOrganizationAsync(Guid organizationId, NotificationKind kind, string title, string? link, CancellationToken ct = default)
    {
        var key = Role.Unit.Key();
        var liaisons = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                              join u in db.Users on ur.UserId equals u.Id
                              where r.Name == key && u.IsActive && u.OrganizationId == organizationId select u.Id).ToListAsync(ct);
        foreach (var id in liaisons) Notify(id, kind, title, link);
    }

    public void Notify(Guid userId, NotificationKind kind, string title, string? link) =>
        db.Notifications.Add(Notification.Create(userId, kind, title, link, clock.GetUtcNow()));
}
