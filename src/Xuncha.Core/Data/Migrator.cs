using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Xuncha.Data;

public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

public sealed record MigrationState(int Version, string Name, bool Applied, DateTimeOffset? AppliedAt, bool Modified);

/// <summary>
/// Applies the versioned SQL files under Data/Migrations in order, each in its own transaction, holding a
/// session advisory lock so that instances started together migrate once and the others wait, then find
/// nothing left to do.
/// </summary>
public sealed partial class Migrator
{
    private const long LockKey = 0x58756e6368610000; // "Xuncha" + 0

    public static IReadOnlyList<MigrationScript> Scripts { get; } = Load();

    /// <summary>Applies what is missing; returns the versions applied. Grants the app role its privileges when given.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(string ownerConnectionString, string? appRole, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        await Exec(conn, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Exec(conn, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum char(64) NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await Applied(conn, ct);
            foreach (var (version, (_, checksum, _)) in applied)
            {
                var script = Scripts.FirstOrDefault(s => s.Version == version)
                    ?? throw new InvalidOperationException($"数据库已应用迁移 {version}，但本程序中没有该迁移：程序版本比数据库旧。");
                if (script.Checksum != checksum)
                    throw new InvalidOperationException($"迁移 {version:D4}_{script.Name} 在应用后被修改过（校验和不符）。");
            }

            var done = new List<int>();
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await Exec(conn, tx, script.Sql, ct);
                await using (var cmd = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", conn, tx))
                {
                    cmd.Parameters.AddWithValue("v", script.Version);
                    cmd.Parameters.AddWithValue("n", script.Name);
                    cmd.Parameters.AddWithValue("c", script.Checksum);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                done.Add(script.Version);
            }
            if (appRole is not null) await GrantAsync(conn, appRole, ct);
            return done;
        }
        finally
        {
            await Exec(conn, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public async Task<IReadOnlyList<MigrationState>> StatusAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", conn);
        var applied = (bool)(await exists.ExecuteScalarAsync(ct))! ? await Applied(conn, ct) : [];
        return Scripts.Select(s => applied.TryGetValue(s.Version, out var a)
                ? new MigrationState(s.Version, s.Name, true, a.AppliedAt, a.Checksum != s.Checksum)
                : new MigrationState(s.Version, s.Name, false, null, false))
            .ToList();
    }

    /// <summary>Least privilege for the application's login: read and write business tables, only append to the audit trail.</summary>
    private static async Task GrantAsync(NpgsqlConnection conn, string role, CancellationToken ct)
    {
        if (!RoleName().IsMatch(role)) throw new ArgumentException($"数据库角色名不合法：{role}");
        await Exec(conn, null, $"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM {role};
            REVOKE INSERT, DELETE, TRUNCATE ON audit_head FROM {role};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            """, ct);
    }

    private static async Task<Dictionary<int, (string Name, string Checksum, DateTimeOffset AppliedAt)>> Applied(
        NpgsqlConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<int, (string, string, DateTimeOffset)>();
        await using var cmd = new NpgsqlCommand("SELECT version, name, checksum, applied_at FROM schema_migrations", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[r.GetInt32(0)] = (r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3));
        return result;
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<MigrationScript> Load()
    {
        var asm = typeof(Migrator).Assembly;
        const string prefix = "Xuncha.Migrations.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var m = FileName().Match(file);
                if (!m.Success) throw new InvalidOperationException($"Migration file name must be NNNN_name.sql: {file}");
                using var s = asm.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(s, Encoding.UTF8);
                return new MigrationScript(int.Parse(m.Groups[1].Value), m.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)$")]
    private static partial Regex FileName();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
