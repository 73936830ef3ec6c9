using Xuncha.Common;
using Npgsql;
using Xuncha.Data;

namespace Xuncha.IntegrationTests;

/// <summary>An app started on a given (empty) database: it migrates at start-up.</summary>
public sealed class EmptyDatabaseApp(TestDatabase db) : XunchaApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(db);

    protected override bool OwnsDatabase => false;
}

public class MigrationTests
{
    [Fact]
    public async Task Migrates_an_empty_database_and_reports_status()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var migrator = new Migrator();
        (await migrator.StatusAsync(db.AppConnectionString)).ShouldAllBe(s => !s.Applied);

        var applied = await migrator.MigrateAsync(db.OwnerConnectionString, TestDatabase.AppRole);
        applied.ShouldBe(Migrator.Scripts.Select(s => s.Version).ToList());
        (await migrator.StatusAsync(db.AppConnectionString)).ShouldAllBe(s => s.Applied && !s.Modified);
        (await migrator.MigrateAsync(db.OwnerConnectionString, TestDatabase.AppRole)).ShouldBeEmpty();
        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM roles")).ShouldBe((long)Roles.All.Count);
    }

    [Fact]
    public async Task Two_instances_started_together_both_come_up_and_migrate_once()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var first = new EmptyDatabaseApp(db);
        var second = new EmptyDatabaseApp(db);
        await Task.WhenAll(Task.Run(first.InitializeAsync), Task.Run(second.InitializeAsync));

        (await first.Anonymous().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Anonymous().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM schema_migrations")).ShouldBe(Migrator.Scripts.Count);
        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM roles")).ShouldBe((long)Roles.All.Count);
        await ((IAsyncLifetime)first).DisposeAsync();
        await ((IAsyncLifetime)second).DisposeAsync();
    }

    [Fact]
    public async Task Many_concurrent_migrators_apply_each_script_once()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            new Migrator().MigrateAsync(new NpgsqlConnectionStringBuilder(db.OwnerConnectionString) { Pooling = false }.ConnectionString, TestDatabase.AppRole)));
        results.Sum(r => r.Count).ShouldBe(Migrator.Scripts.Count);
    }

    [Fact]
    public async Task Migration_3_turns_the_people_already_in_groups_into_pool_members_and_keeps_every_group()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        // the schema as 0002 left it, with a round whose group holds a leader (role group-leader) and a member without an organisation
        async Task AsOwner(string sql)
        {
            await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        foreach (var script in Migrator.Scripts.Where(x => x.Version <= 2))
        {
            await AsOwner(script.Sql);
            await AsOwner($"""
                CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum char(64) NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO schema_migrations (version, name, checksum) VALUES ({script.Version}, '{script.Name}', '{script.Checksum}');
                """);
        }
        await AsOwner("""
            INSERT INTO organizations (id, code, name, type, path, created_at) VALUES
                ('00000000-0000-0000-0000-00000000000a', 'MD', '党委', 'Committee', '/00000000000000000000000000000000a/', now()),
                ('00000000-0000-0000-0000-00000000000b', 'TSG', '图书馆', 'GeneralBranch', '/00000000000000000000000000000000a/00000000000000000000000000000000b/', now());
            UPDATE organizations SET parent_id = '00000000-0000-0000-0000-00000000000a' WHERE code = 'TSG';
            INSERT INTO users (id, user_name, display_name, organization_id, must_change_password, is_active, created_at, email_confirmed,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) VALUES
                ('00000000-0000-0000-0000-0000000000c1', 'leader', '老组长', '00000000-0000-0000-0000-00000000000b', false, true, now(), false, false, false, true, 0),
                ('00000000-0000-0000-0000-0000000000c2', 'member', '老组员', null, false, true, now(), false, false, false, true, 0);
            INSERT INTO user_roles (user_id, role_id) SELECT '00000000-0000-0000-0000-0000000000c1', id FROM roles WHERE name = 'group-leader';
            INSERT INTO rounds (id, committee_id, year, ordinal, name, type, planned_start, planned_end, taxonomy_id, status, created_at) VALUES
                ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-00000000000a', 2025, 1, '旧轮次', 'Regular', '2025-03-01', '2025-04-01',
                 '00000000-0000-7000-8000-000000000101', 'Draft', now());
            INSERT INTO inspection_groups (id, round_id, number, name) VALUES ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000d1', 1, '第一巡察组');
            INSERT INTO group_members (group_id, user_id, role) VALUES
                ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000c1', 'Leader'),
                ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000c2', 'Member');
            """);

        (await new Migrator().MigrateAsync(db.OwnerConnectionString, TestDatabase.AppRole)).ShouldContain(3);

        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM group_members WHERE member_id IS NOT NULL")).ShouldBe(2);
        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM pool_members WHERE status = 'Active' AND rank_id = '00000000-0000-7000-8000-000000000305'")).ShouldBe(2);
        (await db.ScalarAsSuperuserAsync<bool>("SELECT leader_eligible FROM pool_members WHERE name = '老组长'")).ShouldBeTrue();
        (await db.ScalarAsSuperuserAsync<bool>("SELECT leader_eligible FROM pool_members WHERE name = '老组员'")).ShouldBeFalse();
        // the member with no organisation belongs to the committee; each group member points at the pool member of their account
        (await db.ScalarAsSuperuserAsync<Guid>("SELECT organization_id FROM pool_members WHERE name = '老组员'")).ShouldBe(Guid.Parse("00000000-0000-0000-0000-00000000000a"));
        (await db.ScalarAsSuperuserAsync<long>("""
            SELECT count(*) FROM group_members g JOIN pool_members p ON p.id = g.member_id WHERE p.user_id = g.user_id
            """)).ShouldBe(2);
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_stops_migration()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecAsSuperuserAsync("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 1");
        var e = await Should.ThrowAsync<InvalidOperationException>(() => new Migrator().MigrateAsync(db.OwnerConnectionString, TestDatabase.AppRole));
        e.Message.ShouldContain("校验和不符");
        (await new Migrator().StatusAsync(db.AppConnectionString)).First().Modified.ShouldBeTrue();
    }

    [Fact]
    public async Task The_application_role_can_only_append_to_the_audit_trail()
    {
        var app = new XunchaApp();
        await app.InitializeAsync();
        await app.LoadDemoAsync();
        try
        {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_events SET user_name = 'x'", "DELETE FROM audit_events", "TRUNCATE audit_events",
                     "DELETE FROM schema_migrations", "DROP TABLE organizations" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var e = await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            e.SqlState.ShouldBeOneOf("42501", "42P01"); // insufficient privilege / must be owner
        }
        // even the owner is stopped by the trigger
        await using var owner = new NpgsqlConnection(app.Database.OwnerConnectionString);
        await owner.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE audit_events SET user_name = 'x'", owner);
        (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText.ShouldContain("append-only");
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
