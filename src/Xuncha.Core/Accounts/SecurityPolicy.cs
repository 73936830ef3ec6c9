using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Common;

namespace Xuncha.Accounts;

/// <summary>
/// The password and lockout policy the 安全管理员 keeps. It can be made stricter than the baseline
/// (10 characters, 3 of 4 classes, 5 failures, 15 minutes), never weaker.
/// </summary>
public sealed class SecurityPolicy
{
    public const int SingletonId = 1;
    public const int BaselineMinLength = 10, BaselineClasses = 3, BaselineMaxFailures = 5, BaselineLockoutMinutes = 15;

    /// <summary>Fixed: 30 minutes without a request ends a web session (等保 idle timeout).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public int Id { get; private set; } = SingletonId;
    public int PasswordMinLength { get; private set; } = BaselineMinLength;
    public int PasswordCharClasses { get; private set; } = BaselineClasses;
    public int MaxFailedAttempts { get; private set; } = BaselineMaxFailures;
    public int LockoutMinutes { get; private set; } = BaselineLockoutMinutes;
    public uint Version { get; private set; }

    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);

    public static SecurityPolicy Baseline() => new();

    public void Update(int minLength, int classes, int maxFailures, int lockoutMinutes)
    {
        var v = new Validator();
        if (minLength is < BaselineMinLength or > 64) v.Add("passwordMinLength", string.Format(Messages.Policy_Range, BaselineMinLength, 64));
        if (classes is < BaselineClasses or > 4) v.Add("passwordCharClasses", string.Format(Messages.Policy_Range, BaselineClasses, 4));
        if (maxFailures is < 3 or > BaselineMaxFailures) v.Add("maxFailedAttempts", string.Format(Messages.Policy_Range, 3, BaselineMaxFailures));
        if (lockoutMinutes is < BaselineLockoutMinutes or > 1440) v.Add("lockoutMinutes", string.Format(Messages.Policy_Range, BaselineLockoutMinutes, 1440));
        v.ThrowIfInvalid();
        PasswordMinLength = minLength;
        PasswordCharClasses = classes;
        MaxFailedAttempts = maxFailures;
        LockoutMinutes = lockoutMinutes;
    }
}

internal sealed class SecurityPolicyConfiguration : IEntityTypeConfiguration<SecurityPolicy>
{
    public void Configure(EntityTypeBuilder<SecurityPolicy> b)
    {
        b.ToTable("security_policy");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Version).IsRowVersion();
    }
}
