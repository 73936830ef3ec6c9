using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xuncha.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Code).HasMaxLength(Organization.CodeMax);
        b.Property(o => o.Name).HasMaxLength(Organization.NameMax);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(o => o.Path).HasMaxLength(1000);
        b.Property(o => o.Secretary).HasMaxLength(Organization.SecretaryMax);
        b.Property(o => o.Version).IsRowVersion();
        b.HasIndex(o => o.Code).IsUnique();
        b.HasIndex(o => o.ParentId);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> b)
    {
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Name).HasMaxLength(Term.NameMax);
        b.Property(t => t.Version).IsRowVersion();
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.CommitteeId);
    }
}
