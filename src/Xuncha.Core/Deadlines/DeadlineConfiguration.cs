using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Organizations;

namespace Xuncha.Deadlines;

internal sealed class DeadlinePolicyConfiguration : IEntityTypeConfiguration<DeadlinePolicy>
{
    public void Configure(EntityTypeBuilder<DeadlinePolicy> b)
    {
        b.ToTable("deadline_policies");
        b.HasKey(p => p.CommitteeId);
        b.Property(p => p.Version).IsRowVersion();
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.CommitteeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Note).HasMaxLength(CalendarDay.NoteMax);
        b.Property(d => d.Source).HasMaxLength(CalendarDay.SourceMax);
        b.Property(d => d.Version).IsRowVersion();
    }
}
