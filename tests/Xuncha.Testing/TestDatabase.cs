using Npgsql;
using Xuncha.Data;

namespace Xuncha.Testing;

/// <summary>
/// A fresh database on the throwaway cluster that ./test.sh starts (XUNCHA_TEST_PG: a superuser connection
/// string). Each is cloned from a migrated template, so creating one takes milliseconds. Two logins, like
/// production: an owner that migrates and an application role with least privilege.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string OwnerRole = "xuncha_test_owner", AppRole = "xuncha_test_app", Password = "test-only";
    private const string Template = "xuncha_template";
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static bool _templateReady;

    private TestDatabase(string name) => Name = name;

    public string Name { get; }

    public static string SuperConnectionString =>
        Environment.GetEnvironmentVariable("XUNCHA_TEST_PG")
        ?? throw new InvalidOperationException("XUNCHA_TEST_PG is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    public string AppConnectionString => For(Name, AppRole);
    public string OwnerConnectionString => For(Name, OwnerRole);
    public string SuperUserConnectionString => new NpgsqlConnectionStringBuilder(SuperConnectionString) { Database = Name, Pooling = false }.ConnectionString;

    /// <summary>A migrated database (cloned from the template).</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        await EnsureTemplateAsync();
        var db = new TestDatabase("t_" + Guid.NewGuid().ToString("N")[..16]);
        await ExecAsync($"CREATE DATABASE {db.Name} TEMPLATE {Template} OWNER {OwnerRole}", retries: 5);
        return db;
    }

    /// <summary>An empty database, not migrated: for migration tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        await EnsureRolesAsync();
        var db = new TestDatabase("e_" + Guid.NewGuid().ToString("N")[..16]);
        await ExecAsync($"CREATE DATABASE {db.Name} OWNER {OwnerRole}");
        await ExecOnAsync(db.Name, $"REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO {AppRole};");
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>Runs SQL in this database as the superuser (to tamper, to inspect, to simulate faults).</summary>
    public Task ExecAsSuperuserAsync(string sql) => ExecOnAsync(Name, sql);

    public async Task<T?> ScalarAsSuperuserAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(SuperUserConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public static async Task ExecAsync(string sql, int retries = 0)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ExecOnAsync("postgres", sql);
                return;
            }
            catch (PostgresException e) when (attempt < retries && e.SqlState == "55006")
            {
                // the template is briefly in use by another CREATE DATABASE
                await Task.Delay(200 * (attempt + 1));
            }
        }
    }

    private static async Task ExecOnAsync(string database, string sql)
    {
        var cs = new NpgsqlConnectionStringBuilder(SuperConnectionString) { Database = database, Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string For(string database, string role) => new NpgsqlConnectionStringBuilder(SuperConnectionString)
    {
        Database = database, Username = role, Password = Password, Pooling = true, MaxPoolSize = 20,
    }.ConnectionString;

    private static async Task EnsureRolesAsync()
    {
        // roles are cluster-wide and test processes run one after another, but classes run in parallel
        await ExecAsync($"""
            DO $$ BEGIN
              PERFORM pg_advisory_xact_lock(4242);
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN PASSWORD '{Password}'; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN CREATE ROLE {AppRole} LOGIN PASSWORD '{Password}'; END IF;
            END $$;
            """);
    }

    private static async Task EnsureTemplateAsync()
    {
        if (_templateReady) return;
        await TemplateGate.WaitAsync();
        try
        {
            if (_templateReady) return;
            await EnsureRolesAsync();
            var checksum = string.Join(",", Migrator.Scripts.Select(s => s.Checksum[..12]));
            var current = await TemplateChecksumAsync();
            if (current != checksum)
            {
                await ExecAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
                await ExecAsync($"CREATE DATABASE {Template} OWNER {OwnerRole}");
                await ExecOnAsync(Template, $"REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO {AppRole};");
                var owner = new NpgsqlConnectionStringBuilder(For(Template, OwnerRole)) { Pooling = false }.ConnectionString;
                await new Migrator().MigrateAsync(owner, AppRole);
                await ExecOnAsync(Template, $"COMMENT ON DATABASE {Template} IS '{checksum}'");
            }
            _templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task<string?> TemplateChecksumAsync()
    {
        var cs = new NpgsqlConnectionStringBuilder(SuperConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{Template}'", conn);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
