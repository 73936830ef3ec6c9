using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xuncha.Common;

namespace Xuncha.Data;

public sealed record SystemState(
    DatabaseLogin Login, int MigrationsApplied, int MigrationsKnown, long AuditRows, DateTimeOffset? AuditUpdatedAt, int LiveSessions, string PublicUrl);

/// <summary>The installation as the three administrators see it: no business data, only how it runs.</summary>
public sealed class SystemStatus(XunchaDbContext db, NpgsqlDataSource dataSource, Migrator migrator, XunchaSettings settings, Accounts.SessionService sessions)
{
    public async Task<SystemState> ReadAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewSystemStatus);
        var login = await DatabaseLogin.CheckAsync(dataSource, ct);
        var migrations = await migrator.StatusAsync(settings.ConnectionString, ct);
        var head = await db.AuditHeads.AsNoTracking().Select(h => new { h.Seq, h.UpdatedAt }).SingleOrDefaultAsync(ct);
        var live = await sessions.Live().CountAsync(ct);
        return new SystemState(login, migrations.Count(m => m.Applied), migrations.Count, head?.Seq ?? 0, head?.UpdatedAt, live, settings.PublicUrl);
    }
}
