using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xuncha.Audit;

/// <summary>
/// The head of the audit chain, kept apart from the rows it covers: the last sequence number and hash, sealed
/// with the audit key, moved forward in the same transaction as every append. Rows cut from the end of the trail
/// no longer reach the head, so verification names them; a trigger keeps the head from moving backwards.
/// </summary>
public sealed class AuditHead : IUnaudited
{
    public const int SingletonId = 1;

    private AuditHead() { }

    public int Id { get; private set; } = SingletonId;
    public long Seq { get; private set; }
    public string Hash { get; private set; } = AuditChain.Genesis;

    /// <summary>HMAC of the head under the audit key; null only between migration 0007 and the first append.</summary>
    public string? Mac { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static string Canonical(long seq, string hash) =>
        string.Join('\u001f', "head", seq.ToString(CultureInfo.InvariantCulture), hash.Trim());
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.ToTable("audit_head");
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(h => h.Mac).HasMaxLength(64).IsFixedLength();
    }
}
