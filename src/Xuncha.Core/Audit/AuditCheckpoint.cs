using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Audit;

/// <summary>
/// A signed statement of how far the trail reached at a moment: the 审计管理员 downloads it and keeps it away from
/// the database. Verifying against it later proves nothing up to that row was cut, rolled back or replaced.
/// </summary>
public sealed record AuditCheckpoint(string Kind, long Seq, string Hash, DateTimeOffset At, string By, string Mac)
{
    public const string KindName = "xuncha-audit-checkpoint";

    public static string Canonical(long seq, string hash, DateTimeOffset at, string by) => string.Join('\u001f',
        "checkpoint", seq.ToString(CultureInfo.InvariantCulture), hash.Trim(), at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), by);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a checkpoint file; refuses what is not one, or one whose seal does not fit (edited, or another installation's).</summary>
    public static AuditCheckpoint Read(string json, AuditChain chain)
    {
        AuditCheckpoint? c;
        try
        {
            c = JsonSerializer.Deserialize<AuditCheckpoint>(json, Json);
        }
        catch (JsonException)
        {
            c = null;
        }
        return (c ?? throw new ValidationException("checkpoint", Messages.Audit_CheckpointUnreadable)).Checked(chain);
    }

    /// <summary>This checkpoint, when it is one and its seal fits; refused otherwise.</summary>
    public AuditCheckpoint Checked(AuditChain chain)
    {
        if (Kind != KindName || Hash is null || By is null || Mac is null || Seq < 0)
            throw new ValidationException("checkpoint", Messages.Audit_CheckpointUnreadable);
        if (!string.Equals(chain.Seal(Canonical(Seq, Hash, At, By)), Mac, StringComparison.Ordinal))
            throw new ValidationException("checkpoint", Messages.Audit_CheckpointForged);
        return this;
    }
}

/// <summary>Makes checkpoints of the trail's head for the 审计管理员 (page, API, CLI); each is itself audited.</summary>
public sealed class AuditCheckpoints(XunchaDbContext db, AuditChain chain, TimeProvider clock)
{
    public async Task<AuditCheckpoint> CreateAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ReadAudit);
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingletonId, ct)
            ?? throw new DomainException(Messages.Audit_HeadMissing);
        if (head.Mac is not null && chain.Seal(AuditHead.Canonical(head.Seq, head.Hash)) != head.Mac.Trim())
            throw new DomainException(Messages.Audit_HeadForged);
        var at = clock.GetUtcNow();
        var by = db.Actor.UserName;
        var hash = head.Hash.Trim();
        var checkpoint = new AuditCheckpoint(AuditCheckpoint.KindName, head.Seq, hash, at, by, chain.Seal(AuditCheckpoint.Canonical(head.Seq, hash, at, by)));
        await db.RecordNowAsync(AuditAction.Checkpoint, "audit_events", head.Seq.ToString(CultureInfo.InvariantCulture), ct: ct);
        return checkpoint;
    }
}
