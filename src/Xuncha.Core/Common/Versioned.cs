using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Xuncha.Data;

namespace Xuncha.Common;

/// <summary>An editable record with optimistic concurrency (PostgreSQL's xmin).</summary>
public interface IVersioned
{
    uint Version { get; }
}

public static class DataExtensions
{
    /// <summary>
    /// Loads one record through its scope filter for a change; a stale <paramref name="version"/> is a 409,
    /// and EF checks it again when saving, so a change made in between still fails.
    /// </summary>
    public static async Task<T> ForUpdateAsync<T>(this XunchaDbContext db, IQueryable<T> visible, Expression<Func<T, bool>> match,
        uint? version, CancellationToken ct) where T : class, IVersioned
    {
        var entity = await visible.SingleOrDefaultAsync(match, ct) ?? throw new NotFoundException();
        if (version is { } v)
        {
            if (entity.Version != v) throw new ConcurrencyException();
            db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = v;
        }
        return entity;
    }

    /// <summary>
    /// The version check of a record that may not exist yet (a template, a policy, a calendar day): version 0
    /// stands for "none yet", so a client that saw none does not overwrite one someone made meanwhile.
    /// </summary>
    public static void MatchVersion<T>(this XunchaDbContext db, T? entity, uint? version) where T : class, IVersioned
    {
        if (version is not { } v) return;
        if (entity is null)
        {
            if (v != 0) throw new ConcurrencyException();
            return;
        }
        if (entity.Version != v) throw new ConcurrencyException();
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = v;
    }

    /// <summary>Serialises work on one thing (numbering a group's problems, say) until the transaction ends.</summary>
    public static Task LockAsync(this XunchaDbContext db, string key, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", ct);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
