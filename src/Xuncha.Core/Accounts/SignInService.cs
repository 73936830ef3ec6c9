using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Notifications;

namespace Xuncha.Accounts;

public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
    PasswordChangeRequired,
}

public sealed record SignInCheck(SignInOutcome Outcome, User? User = null, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks credentials for the web page and the API alike: lockout after repeated failures, the forced
/// change of a password someone else set, and an audit row for every attempt.
/// </summary>
public sealed class SignInService(XunchaDbContext db, XunchaUserManager users, NotificationService notifications, SessionService sessions, TimeProvider clock)
{
    private static string? _dummyHash;

    public async Task<SignInCheck> CheckAsync(string? userName, string? password, CancellationToken ct = default)
    {
        var name = (userName ?? "").Trim();
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null || !user.IsActive)
        {
            // the same work and the same answers as for an account, lockout included, so nothing tells which names exist
            users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash(), password ?? "");
            var until = await PhantomFailureAsync(name, ct);
            await db.RecordNowAsync(AuditAction.SignInFailed, "users", user?.Id.ToString(), until is null ? AuditOutcome.Failure : AuditOutcome.Denied,
                new { reason = user is null ? "unknown user" : "inactive", lockedUntil = until }, user?.Id, name.Length == 0 ? "(empty)" : name, ct);
            return until is null ? new SignInCheck(SignInOutcome.Failed) : new SignInCheck(SignInOutcome.LockedOut, null, until);
        }

        var verified = await VerifyAsync(user, password, ct);
        if (verified is not null) return verified;

        if (user.MustChangePassword)
        {
            await db.RecordNowAsync(AuditAction.SignIn, "users", user.Id.ToString(), AuditOutcome.Denied,
                new { reason = "password change required" }, user.Id, user.UserName, ct);
            return new SignInCheck(SignInOutcome.PasswordChangeRequired, user);
        }

        user.LastSignInAt = clock.GetUtcNow();
        db.Record(AuditAction.SignIn, "users", user.Id.ToString(), userId: user.Id, userName: user.UserName);
        Throw(await users.UpdateAsync(user));
        return new SignInCheck(SignInOutcome.Success, user);
    }

    /// <summary>The user changes their own password, proving the current one (also how a forced change is done).</summary>
    public async Task ChangePasswordAsync(string? userName, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        var v = new Validator();
        v.Text("userName", userName, User.UserNameMax, required: true);
        if (string.IsNullOrEmpty(currentPassword)) v.Add("currentPassword", Messages.Error_Required);
        if (string.IsNullOrEmpty(newPassword)) v.Add("newPassword", Messages.Error_Required);
        v.ThrowIfInvalid();

        var user = await users.FindByNameAsync(userName!.Trim());
        if (user is null || !user.IsActive)
        {
            users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash(), currentPassword ?? "");
            var until = await PhantomFailureAsync(userName.Trim(), ct);
            await db.RecordNowAsync(AuditAction.PasswordChange, "users", user?.Id.ToString(), AuditOutcome.Failure,
                new { reason = "unknown user" }, null, userName.Trim(), ct);
            if (until is { } u) throw new LockedOutException(u, clock);
            throw new ValidationException("currentPassword", Messages.Password_WrongCurrent);
        }
        var verified = await VerifyAsync(user, currentPassword, ct);
        if (verified is { Outcome: SignInOutcome.LockedOut }) throw new LockedOutException(verified.LockedUntil!.Value, clock);
        if (verified is not null) throw new ValidationException("currentPassword", Messages.Password_WrongCurrent);

        if (newPassword == currentPassword) throw new ValidationException("newPassword", Messages.Password_SameAsCurrent);
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var r = await validator.ValidateAsync(users, user, newPassword);
            errors.AddRange(r.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0) throw new ValidationException(new Dictionary<string, string[]> { ["newPassword"] = errors.Distinct().ToArray() });

        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.MustChangePassword = false;
        user.PasswordChangedAt = clock.GetUtcNow();
        db.Record(AuditAction.PasswordChange, "users", user.Id.ToString(), userId: user.Id, userName: user.UserName);
        await db.InTransactionAsync(async () =>
        {
            Throw(await users.UpdateAsync(user));
            await sessions.EndAllAsync(user.Id, SessionEnd.PasswordChanged, ct);
        }, ct);
    }

    /// <summary>Null when the password is right and the account not locked; otherwise the refusal, audited.</summary>
    private async Task<SignInCheck?> VerifyAsync(User user, string? password, CancellationToken ct)
    {
        if (await users.IsLockedOutAsync(user))
        {
            await db.RecordNowAsync(AuditAction.SignInFailed, "users", user.Id.ToString(), AuditOutcome.Denied,
                new { reason = "locked out", until = user.LockoutEnd }, user.Id, user.UserName, ct);
            return new SignInCheck(SignInOutcome.LockedOut, user, user.LockoutEnd);
        }
        if (await users.CheckPasswordAsync(user, password ?? ""))
        {
            if (user.AccessFailedCount > 0) Throw(await users.ResetAccessFailedCountAsync(user));
            return null;
        }

        db.Record(AuditAction.SignInFailed, "users", user.Id.ToString(), AuditOutcome.Failure,
            new { reason = "wrong password", failures = user.AccessFailedCount + 1 }, user.Id, user.UserName);
        Throw(await users.AccessFailedAsync(user));
        if (!await users.IsLockedOutAsync(user)) return new SignInCheck(SignInOutcome.Failed, user);

        db.Record(AuditAction.Lockout, "users", user.Id.ToString(), AuditOutcome.Success,
            new { until = user.LockoutEnd }, user.Id, user.UserName);
        await notifications.NotifyRoleAsync(Role.SysAdmin, NotificationKind.System,
            string.Format(Messages.Notice_AccountLocked, user.UserName, user.DisplayName,
                user.LockoutEnd!.Value.InOffice(clock).ToString("HH:mm")), "/admin/accounts", ct);
        await db.SaveChangesAsync(ct);
        return new SignInCheck(SignInOutcome.LockedOut, user, user.LockoutEnd);
    }

    /// <summary>A failure under a name without a usable account, counted and locked out as for an account.</summary>
    private async Task<DateTimeOffset?> PhantomFailureAsync(string name, CancellationToken ct)
    {
        if (name.Length == 0) return null;
        var policy = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(ct) ?? SecurityPolicy.Baseline();
        return await SignInThrottle.FailAsync(db, name, policy, clock.GetUtcNow(), ct);
    }

    private string DummyHash() => _dummyHash ??= users.PasswordHasher.HashPassword(new User(), Guid.NewGuid().ToString());

    private static void Throw(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
