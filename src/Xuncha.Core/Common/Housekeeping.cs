using Microsoft.EntityFrameworkCore;
using Xuncha.Data;

namespace Xuncha.Common;

/// <summary>
/// Removes bookkeeping that has served its purpose: replayable answers older than a day, sign-in throttles of
/// names not tried for a day, sessions ended or expired a week ago. Runs hourly with the reminders.
/// </summary>
public sealed class Housekeeping(XunchaDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var day = now - IdempotencyRecord.Kept;
        var week = now - TimeSpan.FromDays(7);
        var removed = await db.IdempotencyRecords.Where(r => r.CreatedAt < day).ExecuteDeleteAsync(ct);
        removed += await db.SignInThrottles.Where(t => t.LastFailureAt < day && (t.LockedUntil == null || t.LockedUntil < now)).ExecuteDeleteAsync(ct);
        removed += await db.Sessions.Where(s => s.EndedAt < week || s.ExpiresAt < week).ExecuteDeleteAsync(ct);
        return removed;
    }
}
