using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;
using Xuncha.Audit;

namespace Xuncha.Notifications;

public enum NotificationKind
{
    Returned,
    Waiting,
    DueSoon,
    Overdue,
    System,
}

/// <summary>An in-app notice for one user; read or not.</summary>
public sealed class Notification
{
    public const int TitleMax = 200, LinkMax = 300;

    private Notification() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string? Link { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Set on reminders: the same key is not sent to the same user twice.</summary>
    public string? DedupKey { get; private set; }

    public static Notification Create(Guid userId, NotificationKind kind, string title, string? link, DateTimeOffset now, string? dedupKey = null) =>
        new()
        {
            Id = Guid.CreateVersion7(now), UserId = userId, Kind = kind,
            Title = title.Length > TitleMax ? title[..TitleMax] : title, Link = link, CreatedAt = now, DedupKey = dedupKey,
        };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Title).HasMaxLength(Notification.TitleMax);
        b.Property(n => n.Link).HasMaxLength(Notification.LinkMax);
        b.Property(n => n.ReadAt).AuditIgnore();
        b.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(n => n.DedupKey).HasMaxLength(100).AuditIgnore();
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => new { n.UserId, n.DedupKey }).IsUnique();
    }
}
