using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;
using Xuncha.Rounds;

namespace Xuncha.Problems;

internal sealed class TaxonomyConfiguration : IEntityTypeConfiguration<Taxonomy>
{
    public void Configure(EntityTypeBuilder<Taxonomy> b)
    {
        b.ToTable("taxonomies");
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Code).HasMaxLength(50);
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasIndex(t => new { t.Code, t.VersionNumber }).IsUnique();
    }
}

internal sealed class ProblemCategoryConfiguration : IEntityTypeConfiguration<ProblemCategory>
{
    public void Configure(EntityTypeBuilder<ProblemCategory> b)
    {
        b.ToTable("problem_categories");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Code).HasMaxLength(50);
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasOne<Taxonomy>().WithMany().HasForeignKey(c => c.TaxonomyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.TaxonomyId, c.Code }).IsUnique();
    }
}

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Number).HasMaxLength(50);
        b.Property(p => p.Title).HasMaxLength(Problem.TitleMax);
        b.Property(p => p.Manifestation).HasMaxLength(Problem.TextMax);
        b.Property(p => p.Basis).HasMaxLength(Problem.TextMax);
        b.Property(p => p.Responsibility).HasMaxLength(Problem.TextMax);
        b.Property(p => p.ImmediateFixNote).HasMaxLength(Problem.NoteMax);
        b.Property(p => p.ReturnReason).HasMaxLength(Problem.NoteMax);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoundTarget>().WithMany().HasForeignKey(p => p.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProblemCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.RoundId);
        b.HasIndex(p => p.TargetId);
        b.HasIndex(p => new { p.GroupId, p.Sequence }).IsUnique();
    }
}
