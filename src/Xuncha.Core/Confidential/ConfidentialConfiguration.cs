using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;
using Xuncha.Audit;
using Xuncha.Confidential.Crypto;
using Xuncha.Organizations;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Confidential;

internal sealed class RecordKeyConfiguration : IEntityTypeConfiguration<RecordKey>
{
    public void Configure(EntityTypeBuilder<RecordKey> b)
    {
        b.ToTable("record_keys");
        b.HasKey(k => new { k.RecordType, k.RecordId });
        b.Property(k => k.RecordType).HasMaxLength(20);
        b.Property(k => k.Algorithm).HasMaxLength(20);
        b.Property(k => k.MasterId).HasMaxLength(16);
        b.Property(k => k.Wrapped).AuditRedact();
    }
}

internal sealed class SealedFileConfiguration : IEntityTypeConfiguration<SealedFile>
{
    public void Configure(EntityTypeBuilder<SealedFile> b)
    {
        b.ToTable("sealed_files");
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.RecordType).HasMaxLength(20);
        b.Property(f => f.Meta).AuditRedact();
        b.HasIndex(f => new { f.RecordType, f.RecordId });
    }
}

internal sealed class LetterConfiguration : IEntityTypeConfiguration<Letter>
{
    public void Configure(EntityTypeBuilder<Letter> b)
    {
        b.ToTable("letters");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.ReceiptSalt).AuditRedact();
        b.Property(l => l.ReceiptHash).AuditRedact();
        b.Property(l => l.ReceiptTag).AuditRedact();
        b.Property(l => l.Content).AuditRedact();
        b.Property(l => l.Handling).AuditRedact();
        b.Property(l => l.Tokens).AuditIgnore();
        b.Property(l => l.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(l => l.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(l => l.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoundTarget>().WithMany().HasForeignKey(l => l.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProblemCategory>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(l => l.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(l => l.RegisteredBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Problem>().WithMany().HasForeignKey(l => l.ProblemId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Clue>().WithMany().HasForeignKey(l => l.ClueId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(l => new { l.GroupId, l.Sequence }).IsUnique();
        b.HasIndex(l => l.ReceiptTag);
        b.HasIndex(l => l.Tokens).HasMethod("gin");
    }
}

internal sealed class LetterMessageConfiguration : IEntityTypeConfiguration<LetterMessage>
{
    public void Configure(EntityTypeBuilder<LetterMessage> b)
    {
        b.ToTable("letter_messages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Body).AuditRedact();
        b.HasOne<Letter>().WithMany().HasForeignKey(m => m.LetterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.LetterId);
    }
}

internal sealed class ClueConfiguration : IEntityTypeConfiguration<Clue>
{
    public void Configure(EntityTypeBuilder<Clue> b)
    {
        b.ToTable("clues");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Receiver).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Disposal).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Form).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Content).AuditRedact();
        b.Property(c => c.Outcome).AuditRedact();
        b.Property(c => c.Tokens).AuditIgnore();
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ClueTransfer>().WithMany().HasForeignKey(c => c.TransferId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.RegisteredBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.RoundId, c.Sequence }).IsUnique();
        b.HasIndex(c => c.TransferId);
        b.HasIndex(c => c.Tokens).HasMethod("gin");
    }
}

internal sealed class ClueTransferConfiguration : IEntityTypeConfiguration<ClueTransfer>
{
    public void Configure(EntityTypeBuilder<ClueTransfer> b)
    {
        b.ToTable("clue_transfers");
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Receiver).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Note).HasMaxLength(ClueTransfer.NoteMax);
        b.Property(t => t.Version).IsRowVersion();
        b.Ignore(t => t.Number);
        b.HasOne<User>().WithMany().HasForeignKey(t => t.TransferredBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(t => t.AcknowledgedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.Year, t.Sequence }).IsUnique();
    }
}

internal sealed class TalkEntryConfiguration : IEntityTypeConfiguration<TalkEntry>
{
    public void Configure(EntityTypeBuilder<TalkEntry> b)
    {
        b.ToTable("talk_entries");
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Name).HasMaxLength(TalkEntry.NameMax);
        b.Property(t => t.Post).HasMaxLength(TalkEntry.PostMax);
        b.Property(t => t.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.CancelReason).HasMaxLength(TalkEntry.NoteMax);
        b.Property(t => t.Record).AuditRedact();
        b.Property(t => t.Tokens).AuditIgnore();
        b.Property(t => t.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoundTarget>().WithMany().HasForeignKey(t => t.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(t => t.RecordedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.TargetId);
        b.HasIndex(t => t.Tokens).HasMethod("gin");
    }
}

internal sealed class UnitLeaderConfiguration : IEntityTypeConfiguration<UnitLeader>
{
    public void Configure(EntityTypeBuilder<UnitLeader> b)
    {
        b.ToTable("unit_leaders");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Name).HasMaxLength(UnitLeader.NameMax);
        b.Property(l => l.Post).HasMaxLength(UnitLeader.PostMax);
        b.Property(l => l.Category).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.OrganizationId);
    }
}
