using Npgsql;

namespace Xuncha.Data;

/// <summary>
/// What the application's own database login may do to the audit trail. The append-only protection (INSERT and
/// SELECT only, a trigger refusing the rest) holds against the application's role; a superuser, or a login that
/// owns the trail's tables, can disable the triggers and rewrite history, so running as one voids it.
/// </summary>
public sealed record DatabaseLogin(string Name, bool Superuser, bool OwnsAuditTrail, bool CanRewriteAuditTrail, string ServerVersion)
{
    public bool ProtectsAuditTrail => !Superuser && !OwnsAuditTrail && !CanRewriteAuditTrail;

    /// <summary>Why the protection is void, in Chinese (null when it holds).</summary>
    public string? Warning => ProtectsAuditTrail ? null : string.Format(Messages.Db_AuditProtectionVoid, Name,
        Superuser ? Messages.Db_LoginSuperuser : OwnsAuditTrail ? Messages.Db_LoginOwner : Messages.Db_LoginCanRewrite);

    public static async Task<DatabaseLogin> CheckAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT current_user, r.rolsuper,
                   pg_has_role(current_user, c.relowner, 'MEMBER') OR pg_has_role(current_user, h.relowner, 'MEMBER'),
                   has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
                       OR has_table_privilege('audit_events', 'TRUNCATE') OR has_table_privilege('audit_head', 'DELETE'),
                   current_setting('server_version')
            FROM pg_roles r, pg_class c, pg_class h
            WHERE r.rolname = current_user AND c.oid = 'audit_events'::regclass AND h.oid = 'audit_head'::regclass
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new DatabaseLogin(r.GetString(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.GetString(4));
    }
}
