using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Accounts;

/// <summary>The claims that tie a cookie or a bearer token to its server-side <see cref="Session"/>.</summary>
public static class SessionClaims
{
    public const string Id = "xuncha:sid";
    public const string Refresh = "xuncha:rid";
}

public sealed record SessionView(
    Guid Id, SessionKind Kind, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt, SessionEnd? EndReason, string? ClientAddress, string? UserAgent, bool IsLive);

/// <summary>
/// Starts, checks and ends server-side sessions. Touching a session (its last use) and starting one are
/// bookkeeping; ending sessions on someone's behalf is audited.
/// </summary>
public sealed class SessionService(XunchaDbContext db, TimeProvider clock)
{
    /// <summary>A session's last use is written at most this often.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session; <paramref name="id"/> (random) is chosen by the caller when the ticket must name it.</summary>
    public async Task<Session> StartAsync(Guid userId, SessionKind kind, string? address, string? agent, byte[]? ticket = null, Guid? id = null,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var session = Session.Start(id ?? Guid.NewGuid(), userId, kind, now, address, agent, ticket);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>Sessions that may still be used now: not ended, not past their absolute lifetime, used within the idle timeout.</summary>
    public IQueryable<Session> Live()
    {
        var now = clock.GetUtcNow();
        var idle = now - SecurityPolicy.IdleTimeout;
        return db.Sessions.Where(s => s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idle);
    }

    public Task<byte[]?> TicketAsync(Guid id, CancellationToken ct = default) =>
        Live().Where(s => s.Id == id && s.Kind == SessionKind.Cookie).Select(s => s.Ticket).SingleOrDefaultAsync(ct);

    public Task RenewTicketAsync(Guid id, byte[] ticket, CancellationToken ct = default) =>
        db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticket), ct);

    /// <summary>Records a use of the session when the last one was written more than <see cref="TouchEvery"/> ago.</summary>
    public Task TouchAsync(Guid id, DateTimeOffset lastSeen, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return now - lastSeen < TouchEvery
            ? Task.CompletedTask
            : db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
    }

    public Task<int> EndAsync(Guid id, SessionEnd reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.Sessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason).SetProperty(s => s.Ticket, (byte[]?)null), ct);
    }

    /// <summary>Ends every session of the user (password changed or reset, account deactivated): cookies and tokens alike.</summary>
    public Task<int> EndAllAsync(Guid userId, SessionEnd reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason).SetProperty(s => s.Ticket, (byte[]?)null), ct);
    }

    /// <summary>
    /// Swaps the API session's refresh id for a new one when <paramref name="refreshId"/> is the current one.
    /// A refresh token presented a second time ends the session: whoever used it first may not be its owner.
    /// </summary>
    public async Task<Guid?> RotateRefreshAsync(Guid id, Guid refreshId, CancellationToken ct = default)
    {
        var next = Guid.NewGuid();
        var rotated = await Live().Where(s => s.Id == id && s.Kind == SessionKind.Api && s.RefreshId == refreshId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshId, next).SetProperty(s => s.LastSeenAt, clock.GetUtcNow()), ct);
        if (rotated == 1) return next;
        if (await EndAsync(id, SessionEnd.RefreshReused, ct) > 0)
            await db.RecordNowAsync(AuditAction.SessionEnd, "sessions", id.ToString(), AuditOutcome.Denied, new { reason = nameof(SessionEnd.RefreshReused) }, ct: ct);
        return null;
    }

    /// <summary>The 系统管理员's list of one account's sessions, newest first.</summary>
    public async Task<IReadOnlyList<SessionView>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageAccounts);
        await RequireUserAsync(userId, ct);
        var now = clock.GetUtcNow();
        var idle = now - SecurityPolicy.IdleTimeout;
        return await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionView(s.Id, s.Kind, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.EndedAt, s.EndReason, s.ClientAddress, s.UserAgent,
                s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idle))
            .Take(200).ToListAsync(ct);
    }

    /// <summary>强制下线: the 系统管理员 ends one session of the account, or all of them; audited.</summary>
    public async Task<int> EndByAdministratorAsync(Guid userId, Guid? sessionId, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageAccounts);
        var user = await RequireUserAsync(userId, ct);
        int ended;
        if (sessionId is { } sid)
        {
            if (!await db.Sessions.AnyAsync(s => s.Id == sid && s.UserId == userId, ct)) throw new NotFoundException();
            ended = await EndAsync(sid, SessionEnd.EndedByAdministrator, ct);
        }
        else ended = await EndAllAsync(userId, SessionEnd.EndedByAdministrator, ct);
        await db.RecordNowAsync(AuditAction.SessionEnd, "users", userId.ToString(),
            detail: new { user = user, session = sessionId, ended, reason = nameof(SessionEnd.EndedByAdministrator) }, ct: ct);
        return ended;
    }

    private async Task<string> RequireUserAsync(Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(ct) ?? throw new NotFoundException();
}
