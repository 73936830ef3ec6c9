using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;
using Xuncha.Organizations;
using Xuncha.Problems;

namespace Xuncha.Rounds;

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(Round.NameMax);
        b.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Theme).HasMaxLength(Round.ThemeMax);
        b.Property(r => r.FocusPoints).HasMaxLength(Round.TextMax);
        b.Property(r => r.ReviewComment).HasMaxLength(Round.TextMax);
        b.Property(r => r.Version).IsRowVersion();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Term>().WithMany().HasForeignKey(r => r.TermId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Taxonomy>().WithMany().HasForeignKey(r => r.TaxonomyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.CommitteeId);
        b.HasIndex(r => new { r.CommitteeId, r.Year, r.Ordinal }).IsUnique();
    }
}

internal sealed class RoundTargetConfiguration : IEntityTypeConfiguration<RoundTarget>
{
    public void Configure(EntityTypeBuilder<RoundTarget> b)
    {
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(t => new { t.RoundId, t.OrganizationId }).IsUnique();
        b.HasIndex(t => t.OrganizationId);
        b.HasIndex(t => t.GroupId);
    }
}

internal sealed class InspectionGroupConfiguration : IEntityTypeConfiguration<InspectionGroup>
{
    public void Configure(EntityTypeBuilder<InspectionGroup> b)
    {
        b.ToTable("inspection_groups");
        b.Property(g => g.Id).ValueGeneratedNever();
        b.Property(g => g.ReportToken).HasMaxLength(32);
        b.HasIndex(g => g.ReportToken).IsUnique();
        b.Property(g => g.Name).HasMaxLength(InspectionGroup.NameMax);
        b.Property(g => g.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(g => g.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => new { g.RoundId, g.Number }).IsUnique();
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> b)
    {
        b.HasKey(m => new { m.GroupId, m.MemberId });
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pool.PoolMember>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.UserId);
        b.HasIndex(m => m.MemberId);
    }
}
