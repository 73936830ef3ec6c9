using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Audit;

/// <summary>
/// Links each audit row to the one before it: hash = HMAC-SHA-256(key, previous hash ‖ row). The key lives
/// outside the database, so someone who can write the tables still cannot forge a consistent chain.
/// Appends are serialised by a transaction-scoped advisory lock, so sequence numbers have no gaps.
/// </summary>
public sealed class AuditChain(AuditKey key)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long LockKey = 0x58756e6368610001; // "Xuncha" + 1

    internal async Task AppendAsync(XunchaDbContext db, List<AuditEvent> events, CancellationToken ct, bool track = true)
    {
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        // the chain continues from its head, not from whatever row is last now: rows cut from the end stay missing
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.Id == AuditHead.SingletonId)
            .Select(h => new { h.Seq, h.Hash }).SingleOrDefaultAsync(ct)
            ?? throw new AuditUnavailableException(Messages.Audit_CannotAppend);
        var seq = head.Seq;
        var prev = head.Hash.Trim();
        foreach (var e in events)
        {
            e.Seq = ++seq;
            e.At = Truncate(e.At);
            e.PrevHash = prev;
            e.Hash = prev = Compute(e);
        }
        var mac = Seal(AuditHead.Canonical(seq, prev));
        var now = events.Count > 0 ? events[^1].At : DateTimeOffset.UtcNow;
        await db.AuditHeads.Where(h => h.Id == AuditHead.SingletonId).ExecuteUpdateAsync(u => u
            .SetProperty(h => h.Seq, seq).SetProperty(h => h.Hash, prev).SetProperty(h => h.Mac, mac).SetProperty(h => h.UpdatedAt, now), ct);
        if (track) db.AuditEvents.AddRange(events);
    }

    /// <summary>The head and the last row's number as one moment sees them (no append in between).</summary>
    internal async Task<(AuditHead? Head, long MaxSeq)> SnapshotAsync(XunchaDbContext db, CancellationToken ct) =>
        await db.InTransactionAsync(async () =>
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
            var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingletonId, ct);
            var max = await db.AuditEvents.MaxAsync(e => (long?)e.Seq, ct) ?? 0;
            return (head, max);
        }, ct);

    /// <summary>HMAC-SHA-256 under the audit key, for the head and for checkpoints.</summary>
    public string Seal(string canonical) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(canonical)));

    public string Compute(AuditEvent e)
    {
        var canonical = string.Join('\u001f',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            e.UserId?.ToString("D") ?? "",
            e.UserName, e.Action, e.ObjectType, e.ObjectId ?? "", e.Outcome, e.ClientAddress ?? "", e.Detail ?? "",
            e.PrevHash);
        return Seal(canonical);
    }

    /// <summary>PostgreSQL keeps microseconds; hash what is stored.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}

/// <summary>The trail cannot be continued (its head is gone, or rows were written past it): nothing is saved.</summary>
public sealed class AuditUnavailableException(string message) : DomainException(message);

/// <summary>The audit chain's secret, read from a key file outside the database (created on first use).</summary>
public sealed class AuditKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes.Length >= 32 ? bytes : throw new ArgumentException("The audit key must be at least 32 bytes.");

    /// <summary>Read from its key file, created on first use (see <see cref="KeyFile"/>).</summary>
    public static AuditKey LoadOrCreate(string path) => new(KeyFile.LoadOrCreate(path));
}
