using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xuncha.Accounts;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Notifications;
using Xuncha.Deadlines;
using Xuncha.Files;
using Xuncha.Organizations;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.Data;

/// <summary>
/// The one database context. Every save appends the changes it makes to the hash-chained audit trail,
/// in the same transaction, so a change and its audit row stand or fall together.
/// </summary>
public sealed class XunchaDbContext(
    DbContextOptions<XunchaDbContext> options, CurrentActor actor, AuditChain chain, TimeProvider clock)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options)
{
    private readonly List<AuditEvent> _queued = [];

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<RoundTarget> RoundTargets => Set<RoundTarget>();
    public DbSet<InspectionGroup> Groups => Set<InspectionGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<Taxonomy> Taxonomies => Set<Taxonomy>();
    public DbSet<ProblemCategory> Categories => Set<ProblemCategory>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<RectificationPlan> Plans => Set<RectificationPlan>();
    public DbSet<PlanRevision> PlanRevisions => Set<PlanRevision>();
    public DbSet<RectificationTask> Tasks => Set<RectificationTask>();
    public DbSet<TaskCoOrganization> TaskCoOrganizations => Set<TaskCoOrganization>();
    public DbSet<TaskMilestone> TaskMilestones => Set<TaskMilestone>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<GroupReport> GroupReports => Set<GroupReport>();
    public DbSet<RectificationReport> RectificationReports => Set<RectificationReport>();
    public DbSet<DeadlinePolicy> DeadlinePolicies => Set<DeadlinePolicy>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<Pool.PoolMember> PoolMembers => Set<Pool.PoolMember>();
    public DbSet<Pool.PoolRank> PoolRanks => Set<Pool.PoolRank>();
    public DbSet<Pool.PoolProfession> PoolProfessions => Set<Pool.PoolProfession>();
    public DbSet<Pool.PoolMemberProfession> PoolMemberProfessions => Set<Pool.PoolMemberProfession>();
    public DbSet<Pool.PoolRelation> PoolRelations => Set<Pool.PoolRelation>();
    public DbSet<Pool.PoolTraining> PoolTrainings => Set<Pool.PoolTraining>();
    public DbSet<Pool.PoolRecommendation> PoolRecommendations => Set<Pool.PoolRecommendation>();
    public DbSet<Pool.PoolAppraisal> PoolAppraisals => Set<Pool.PoolAppraisal>();
    public DbSet<Pool.PoolPolicy> PoolPolicies => Set<Pool.PoolPolicy>();
    public DbSet<Documents.DocumentTemplate> DocumentTemplates => Set<Documents.DocumentTemplate>();
    public DbSet<Confidential.Crypto.RecordKey> RecordKeys => Set<Confidential.Crypto.RecordKey>();
    public DbSet<Confidential.SealedFile> SealedFiles => Set<Confidential.SealedFile>();
    public DbSet<Confidential.Letter> Letters => Set<Confidential.Letter>();
    public DbSet<Confidential.LetterMessage> LetterMessages => Set<Confidential.LetterMessage>();
    public DbSet<Confidential.Clue> Clues => Set<Confidential.Clue>();
    public DbSet<Confidential.ClueTransfer> ClueTransfers => Set<Confidential.ClueTransfer>();
    public DbSet<Confidential.TalkEntry> TalkEntries => Set<Confidential.TalkEntry>();
    public DbSet<Confidential.UnitLeader> UnitLeaders => Set<Confidential.UnitLeader>();

    public Actor Actor => actor.Value;
    public TimeProvider Clock => clock;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(XunchaDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }

    /// <summary>Queues an event that is not a record change (sign-in, export, a confidential read…) for the next save.</summary>
    public void Record(string action, string objectType, string? objectId, string outcome = AuditOutcome.Success,
        object? detail = null, Guid? userId = null, string? userName = null) =>
        _queued.Add(ChangeAudit.Event(Actor, clock.GetUtcNow(), action, objectType, objectId, outcome, detail, userId, userName));

    /// <summary>Records an event and saves at once.</summary>
    public async Task RecordNowAsync(string action, string objectType, string? objectId, string outcome = AuditOutcome.Success,
        object? detail = null, Guid? userId = null, string? userName = null, CancellationToken ct = default)
    {
        Record(action, objectType, objectId, outcome, detail, userId, userName);
        await SaveChangesAsync(ct);
    }

    /// <summary>Runs work in a transaction, or inside the caller's when one is already open.</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (Database.CurrentTransaction is not null) return await work();
        await using var tx = await Database.BeginTransactionAsync(ct);
        var result = await work();
        await tx.CommitAsync(ct);
        return result;
    }

    public Task InTransactionAsync(Func<Task> work, CancellationToken ct = default) =>
        InTransactionAsync(async () => { await work(); return true; }, ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Use SaveChangesAsync: every save is audited asynchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // queued events (the action: an export, a confirmation…) were stamped first, so they come first
        var events = new List<AuditEvent>(_queued);
        events.AddRange(ChangeAudit.Collect(ChangeTracker, Actor, clock.GetUtcNow()));
        _queued.Clear();
        if (events.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await chain.AppendAsync(this, events, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (owned is not null) await owned.CommitAsync(cancellationToken);
            return written;
        }
        catch (DbUpdateConcurrencyException)
        {
            Forget(events);
            throw new ConcurrencyException();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505", ConstraintName: "pk_audit_events" })
        {
            // a row sits beyond the head: written past the application, the trail cannot be continued
            Forget(events);
            throw new AuditUnavailableException(Messages.Audit_CannotAppend);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" } pg)
        {
            // a unique index lost a race with another request: report it on the field it guards
            Forget(events);
            throw new ValidationException(UniqueField(pg.ConstraintName), Messages.Error_Duplicate);
        }
        catch
        {
            Forget(events);
            throw;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    /// <summary>
    /// Inserts many new rows at once with PostgreSQL's binary COPY — each row audited as a creation, as a save
    /// would audit it — together with the tracked changes, in one transaction. For imports of thousands of rows,
    /// where inserting entity by entity costs seconds. <paramref name="tables"/> go in foreign-key order.
    /// </summary>
    public async Task BulkInsertAsync(IReadOnlyList<IReadOnlyList<object>> tables, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var events = new List<AuditEvent>(_queued);
        events.AddRange(ChangeAudit.Collect(ChangeTracker, Actor, now));
        _queued.Clear();
        foreach (var rows in tables.Where(t => t.Count > 0))
        {
            var type = Model.FindEntityType(rows[0].GetType())!;
            events.AddRange(rows.Select(r => ChangeAudit.Created(Actor, now, type, r)));
        }
        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            await chain.AppendAsync(this, events, ct, track: false);
            var connection = (Npgsql.NpgsqlConnection)Database.GetDbConnection();
            foreach (var rows in tables.Where(t => t.Count > 0)) await CopyAsync(connection, rows, ct);
            await CopyAsync(connection, events, ct);
            await base.SaveChangesAsync(true, ct); // the tracked changes, audited above
            if (owned is not null) await owned.CommitAsync(ct);
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    private async Task CopyAsync<T>(Npgsql.NpgsqlConnection connection, IReadOnlyList<T> rows, CancellationToken ct) where T : notnull
    {
        var type = Model.FindEntityType(rows[0].GetType())!;
        var columns = type.GetProperties().Where(p => p.GetColumnName() != "xmin")
            .Select(p => (Property: p, Mapping: (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)p.GetRelationalTypeMapping(), Get: p.GetGetter()))
            .ToList();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {type.GetTableName()} ({string.Join(", ", columns.Select(c => c.Property.GetColumnName()))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var (_, mapping, get) in columns)
            {
                var value = get.GetClrValue(row);
                if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                if (value is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(value, mapping.StoreTypeNameBase, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static string UniqueField(string? constraint)
    {
        var column = constraint?.Split('_').LastOrDefault() ?? "value";
        return column == "name" && constraint!.Contains("user_name") ? "userName" : column;
    }

    private void Forget(List<AuditEvent> events)
    {
        foreach (var e in events) Entry(e).State = EntityState.Detached;
    }
}
