using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Audit;
using Xuncha.Data;

namespace Xuncha.Accounts;

/// <summary>
/// Failed sign-ins under a name that has no usable account (unknown, or deactivated), counted and locked out
/// exactly as an account would be, so that lockout does not tell which names exist. The name is kept only as
/// a hash: people type passwords into the name field.
/// </summary>
public sealed class SignInThrottle : IUnaudited
{
    private SignInThrottle() { }

    public string Key { get; private set; } = "";
    public int Failures { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset LastFailureAt { get; private set; }

    public static string KeyOf(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToUpperInvariant())));

    /// <summary>
    /// Counts a failure under the name (not while it is locked out) and locks it out at the policy's threshold,
    /// as Identity does for an account; returns when the lockout ends, if it is locked out now.
    /// </summary>
    public static async Task<DateTimeOffset?> FailAsync(XunchaDbContext db, string name, SecurityPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + policy.LockoutDuration;
        // not composed over (an INSERT cannot be a subquery): read the one returned row as a list
        var locked = (await db.Database.SqlQuery<DateTimeOffset?>($"""
            INSERT INTO sign_in_throttles AS t (key, failures, locked_until, last_failure_at)
            VALUES ({KeyOf(name)}, CASE WHEN {policy.MaxFailedAttempts} <= 1 THEN 0 ELSE 1 END,
                    CASE WHEN {policy.MaxFailedAttempts} <= 1 THEN {until} END, {now})
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN t.locked_until > {now} THEN t.failures WHEN t.failures + 1 >= {policy.MaxFailedAttempts} THEN 0 ELSE t.failures + 1 END,
              locked_until = CASE WHEN t.locked_until > {now} THEN t.locked_until WHEN t.failures + 1 >= {policy.MaxFailedAttempts} THEN {until} ELSE t.locked_until END,
              last_failure_at = {now}
            RETURNING locked_until AS "Value"
            """).ToListAsync(ct)).Single();
        return locked > now ? locked : null;
    }

    /// <summary>Whether the name is locked out now, without counting anything.</summary>
    public static async Task<DateTimeOffset?> LockedUntilAsync(XunchaDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        var key = KeyOf(name);
        var until = await db.SignInThrottles.Where(t => t.Key == key).Select(t => t.LockedUntil).SingleOrDefaultAsync(ct);
        return until > now ? until : null;
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> b)
    {
        b.ToTable("sign_in_throttles");
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasColumnType("char(64)");
        b.HasIndex(t => t.LastFailureAt);
    }
}
