using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;
using Xuncha.Organizations;
using Xuncha.Rounds;

namespace Xuncha.Pool;

internal sealed class PoolMemberConfiguration : IEntityTypeConfiguration<PoolMember>
{
    public void Configure(EntityTypeBuilder<PoolMember> b)
    {
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Name).HasMaxLength(PoolMember.NameMax);
        b.Property(m => m.Position).HasMaxLength(PoolMember.PositionMax);
        b.Property(m => m.Phone).HasMaxLength(PoolMember.PhoneMax);
        b.Property(m => m.Email).HasMaxLength(PoolMember.EmailMax);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.EntryRoute).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.ExitReason).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.ApplicationReason).HasMaxLength(PoolMember.NoteMax);
        b.Property(m => m.DecisionNote).HasMaxLength(PoolMember.NoteMax);
        b.Property(m => m.ExitNote).HasMaxLength(PoolMember.NoteMax);
        b.Property(m => m.Version).IsRowVersion();
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PoolRank>().WithMany().HasForeignKey(m => m.RankId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.RecommendedByOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.UserId).IsUnique();
        b.HasIndex(m => new { m.CommitteeId, m.Status });
        b.HasIndex(m => m.OrganizationId);
    }
}

internal sealed class PoolRankConfiguration : IEntityTypeConfiguration<PoolRank>
{
    public void Configure(EntityTypeBuilder<PoolRank> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(PoolRank.NameMax);
        b.Property(r => r.Version).IsRowVersion();
        b.HasIndex(r => r.Name).IsUnique();
    }
}

internal sealed class PoolProfessionConfiguration : IEntityTypeConfiguration<PoolProfession>
{
    public void Configure(EntityTypeBuilder<PoolProfession> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(PoolProfession.NameMax);
        b.Property(p => p.Version).IsRowVersion();
        b.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class PoolMemberProfessionConfiguration : IEntityTypeConfiguration<PoolMemberProfession>
{
    public void Configure(EntityTypeBuilder<PoolMemberProfession> b)
    {
        b.HasKey(p => new { p.MemberId, p.ProfessionId });
        b.HasOne<PoolMember>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PoolProfession>().WithMany().HasForeignKey(p => p.ProfessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PoolRelationConfiguration : IEntityTypeConfiguration<PoolRelation>
{
    public void Configure(EntityTypeBuilder<PoolRelation> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.PersonName).HasMaxLength(PoolRelation.PersonMax);
        b.Property(r => r.Relation).HasMaxLength(PoolRelation.RelationMax);
        b.Property(r => r.Note).HasMaxLength(PoolRelation.NoteMax);
        b.HasOne<PoolMember>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.MemberId);
    }
}

internal sealed class PoolTrainingConfiguration : IEntityTypeConfiguration<PoolTraining>
{
    public void Configure(EntityTypeBuilder<PoolTraining> b)
    {
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Course).HasMaxLength(PoolTraining.CourseMax);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Hours).HasPrecision(5, 1);
        b.HasOne<PoolMember>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.MemberId);
    }
}

internal sealed class PoolRecommendationConfiguration : IEntityTypeConfiguration<PoolRecommendation>
{
    public void Configure(EntityTypeBuilder<PoolRecommendation> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Body).HasMaxLength(PoolRecommendation.BodyMax);
        b.Property(r => r.Note).HasMaxLength(PoolRecommendation.NoteMax);
        b.HasOne<PoolMember>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.MemberId);
    }
}

internal sealed class PoolAppraisalConfiguration : IEntityTypeConfiguration<PoolAppraisal>
{
    public void Configure(EntityTypeBuilder<PoolAppraisal> b)
    {
        b.HasKey(a => new { a.RoundId, a.MemberId });
        b.Property(a => a.LeaderGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.OfficeGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.LeaderComment).HasMaxLength(PoolAppraisal.CommentMax);
        b.Property(a => a.OfficeComment).HasMaxLength(PoolAppraisal.CommentMax);
        b.Property(a => a.Version).IsRowVersion();
        b.Ignore(a => a.Final);
        b.HasOne<Round>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PoolMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.MemberId);
    }
}

internal sealed class PoolPolicyConfiguration : IEntityTypeConfiguration<PoolPolicy>
{
    public void Configure(EntityTypeBuilder<PoolPolicy> b)
    {
        b.HasKey(p => p.CommitteeId);
        b.Property(p => p.Version).IsRowVersion();
        b.Ignore(p => p.GoalWeights);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.CommitteeId).OnDelete(DeleteBehavior.Restrict);
    }
}
