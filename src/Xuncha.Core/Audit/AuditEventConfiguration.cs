using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xuncha.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Seq);
        b.Property(e => e.Seq).ValueGeneratedNever();
        b.Property(e => e.UserName).HasMaxLength(AuditEvent.UserNameMax);
        b.Property(e => e.Action).HasMaxLength(AuditEvent.ActionMax);
        b.Property(e => e.ObjectType).HasMaxLength(AuditEvent.ObjectTypeMax);
        b.Property(e => e.ObjectId).HasMaxLength(AuditEvent.ObjectIdMax);
        b.Property(e => e.Outcome).HasMaxLength(AuditEvent.OutcomeMax);
        b.Property(e => e.ClientAddress).HasMaxLength(AuditEvent.AddressMax);
        b.Property(e => e.PrevHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.UserName);
        b.HasIndex(e => new { e.ObjectType, e.ObjectId });
    }
}
