using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xuncha.Common;

/// <summary>
/// The first answer to a request that may come twice — the same rendered form posted again, or an API POST
/// retried with the same Idempotency-Key — kept for a day so the repeat gets it instead of a second record.
/// Written by the web pipeline with plain SQL; mapped here so the schema and the model agree.
/// </summary>
public sealed class IdempotencyRecord : Audit.IUnaudited
{
    public const int KeyMax = 300;
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    private IdempotencyRecord() { }

    public Guid UserId { get; private set; }
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public int Status { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(r => new { r.UserId, r.Key });
        b.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMax);
        b.Property(r => r.RequestHash).HasMaxLength(64).IsFixedLength();
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(2000);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.CreatedAt);
    }
}
