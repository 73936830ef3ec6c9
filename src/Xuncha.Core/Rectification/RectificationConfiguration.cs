using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;
using Xuncha.Organizations;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Rectification;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<RectificationPlan>
{
    public void Configure(EntityTypeBuilder<RectificationPlan> b)
    {
        b.ToTable("rectification_plans");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ReviewComment).HasMaxLength(RectificationPlan.CommentMax);
        b.Property(p => p.Version).IsRowVersion();
        b.HasOne<RoundTarget>().WithMany().HasForeignKey(p => p.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.TargetId).IsUnique();
    }
}

internal sealed class PlanRevisionConfiguration : IEntityTypeConfiguration<PlanRevision>
{
    public void Configure(EntityTypeBuilder<PlanRevision> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ReviewComment).HasMaxLength(RectificationPlan.CommentMax);
        b.HasOne<RectificationPlan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PlanId, r.Number }).IsUnique();
    }
}

internal sealed class TaskConfiguration : IEntityTypeConfiguration<RectificationTask>
{
    public void Configure(EntityTypeBuilder<RectificationTask> b)
    {
        b.ToTable("rectification_tasks");
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Goal).HasMaxLength(RectificationTask.GoalMax);
        b.Property(t => t.Measures).HasMaxLength(RectificationTask.MeasuresMax);
        b.Property(t => t.ResponsibleLeader).HasMaxLength(RectificationTask.LeaderMax);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.ClosureResult).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.ReviewComment).HasMaxLength(RectificationTask.ReasonMax);
        b.Property(t => t.ClosureStatement).HasMaxLength(RectificationTask.StatementMax);
        b.Property(t => t.ClosureReturnReason).HasMaxLength(RectificationTask.ReasonMax);
        b.Property(t => t.Version).IsRowVersion();
        b.HasOne<RectificationPlan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Problem>().WithMany().HasForeignKey(t => t.ProblemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.LeadOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.CoOrganizations).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Milestones).WithOne().HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.CoOrganizations).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(t => t.PlanId);
        b.HasIndex(t => t.ProblemId);
        b.HasIndex(t => t.LeadOrganizationId);
        b.HasIndex(t => t.Deadline);
    }
}

internal sealed class TaskCoOrganizationConfiguration : IEntityTypeConfiguration<TaskCoOrganization>
{
    public void Configure(EntityTypeBuilder<TaskCoOrganization> b)
    {
        b.ToTable("task_co_organizations");
        b.HasKey(c => new { c.TaskId, c.OrganizationId });
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.OrganizationId);
    }
}

internal sealed class TaskMilestoneConfiguration : IEntityTypeConfiguration<TaskMilestone>
{
    public void Configure(EntityTypeBuilder<TaskMilestone> b)
    {
        b.ToTable("task_milestones");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Description).HasMaxLength(TaskMilestone.DescriptionMax);
        b.HasIndex(m => m.TaskId);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.ToTable("progress_reports");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Text).HasMaxLength(ProgressReport.TextMax);
        b.HasOne<RectificationTask>().WithMany().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.ReportedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.TaskId);
    }
}

internal sealed class GroupReportConfiguration : IEntityTypeConfiguration<GroupReport>
{
    public void Configure(EntityTypeBuilder<GroupReport> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.GeneralAssessment).HasMaxLength(GroupReport.TextMax);
        b.Property(r => r.Suggestions).HasMaxLength(GroupReport.TextMax);
        b.Property(r => r.ReviewComment).HasMaxLength(RectificationPlan.CommentMax);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsRowVersion();
        b.HasOne<Round>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<InspectionGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.GroupId).IsUnique();
        b.HasIndex(r => r.RoundId);
    }
}

internal sealed class RectificationReportConfiguration : IEntityTypeConfiguration<RectificationReport>
{
    public void Configure(EntityTypeBuilder<RectificationReport> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Summary).HasMaxLength(RectificationReport.TextMax);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Grade).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.EvaluationComment).HasMaxLength(RectificationReport.CommentMax);
        b.Property(r => r.ReturnReason).HasMaxLength(RectificationReport.CommentMax);
        b.Property(r => r.Version).IsRowVersion();
        b.HasOne<RoundTarget>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.TargetId).IsUnique();
    }
}
