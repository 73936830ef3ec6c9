using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Audit;

namespace Xuncha.Accounts;

public enum SessionKind
{
    /// <summary>A browser signed in to the pages (the cookie holds only the session's id).</summary>
    Cookie,

    /// <summary>A client of /api/v1 holding a bearer token and a refresh token.</summary>
    Api,
}

public enum SessionEnd
{
    SignedOut,
    PasswordChanged,
    PasswordReset,
    Deactivated,
    EndedByAdministrator,

    /// <summary>A refresh token was used a second time: someone else may hold it, so the session ends.</summary>
    RefreshReused,
}

/// <summary>
/// A signed-in session, kept on the server so that signing out, a password change, deactivation or the
/// 系统管理员 end it at once, on every node. Live while not ended, younger than <see cref="AbsoluteLifetime"/>
/// and used within the idle timeout.
/// </summary>
public sealed class Session : IUnaudited
{
    public const int AddressMax = 64, AgentMax = 200;
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    private Session() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public SessionKind Kind { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public SessionEnd? EndReason { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>The one refresh token of an API session that may still be used (rotated at each use).</summary>
    public Guid? RefreshId { get; private set; }

    /// <summary>A cookie session's authentication ticket, protected by the data-protection keys.</summary>
    public byte[]? Ticket { get; private set; }

    public static Session Start(Guid id, Guid userId, SessionKind kind, DateTimeOffset now, string? address, string? agent, byte[]? ticket) => new()
    {
        Id = id, UserId = userId, Kind = kind, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + AbsoluteLifetime,
        ClientAddress = Clip(address, AddressMax), UserAgent = Clip(agent, AgentMax),
        RefreshId = kind == SessionKind.Api ? Guid.NewGuid() : null, Ticket = ticket,
    };

    private static string? Clip(string? s, int max) => s is null ? null : s.Length > max ? s[..max] : s;
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.ToTable("sessions");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.ClientAddress).HasMaxLength(Session.AddressMax);
        b.Property(s => s.UserAgent).HasMaxLength(Session.AgentMax);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}
