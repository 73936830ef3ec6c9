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
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var seq = head?.Seq ?? 0;
        var prev = head?.Hash ?? Genesis;
        foreach (var e in events)
        {
            e.Seq = ++seq;
            e.At = Truncate(e.At);
            e.PrevHash = prev;
            e.Hash = prev = Compute(e);
        }
        if (track) db.AuditEvents.AddRange(events);
    }

    public string Compute(AuditEvent e)
    {
        var canonical = string.Join('\u001f',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            e.UserId?.ToString("D") ?? "",
            e.UserName, e.Action, e.ObjectType, e.ObjectId ?? "", e.Outcome, e.ClientAddress ?? "", e.Detail ?? "",
            e.PrevHash);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>PostgreSQL keeps microseconds; hash what is stored.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}

/// <summary>The audit chain's secret, read from a key file outside the database (created on first use).</summary>
public sealed class AuditKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes.Length >= 32 ? bytes : throw new ArgumentException("The audit key must be at least 32 bytes.");

    /// <summary>Read from its key file, created on first use (see <see cref="KeyFile"/>).</summary>
    public static AuditKey LoadOrCreate(string path) => new(KeyFile.LoadOrCreate(path));
}
