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
        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM roles")).ShouldBe(9);
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
        (await db.ScalarAsSuperuserAsync<long>("SELECT count(*) FROM roles")).ShouldBe(9);
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
