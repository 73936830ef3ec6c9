using Xuncha.Common;

namespace Xuncha.Accounts;

public sealed record AccountView(
    Guid Id, string UserName, string DisplayName, Guid? OrganizationId, string? OrganizationName,
    IReadOnlyList<Role> Roles, bool IsActive, bool MustChangePassword, DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, string Version);

public sealed record AccountInput(string? UserName, string? DisplayName, Guid? OrganizationId);

/// <summary>A new account and the one-time password to hand over (null when the operator chose it).</summary>
public sealed record CreatedAccount(AccountView Account, string? OneTimePassword);

/// <summary>Signing in is refused until the given time.</summary>
public sealed class LockedOutException(DateTimeOffset until, TimeProvider clock) : DomainException(Text(until, clock))
{
    public DateTimeOffset Until { get; } = until;

    /// <summary>The refusal in words, with the time on the office's clock.</summary>
    public static string Text(DateTimeOffset until, TimeProvider clock) =>
        string.Format(Messages.SignIn_LockedOut, until.InOffice(clock).ToString("yyyy-MM-dd HH:mm"));
}

public static class RoleRules
{
    /// <summary>三员分立: an administrator role is the account's only role; a unit liaison belongs to an organisation.</summary>
    public static void Check(IReadOnlyCollection<Role> roles, Guid? organizationId)
    {
        var v = new Validator();
        if (roles.Any(r => r.IsAdministrator()) && roles.Count > 1) v.Add("roles", Messages.Roles_AdminExclusive);
        if (roles.Contains(Role.Unit) && organizationId is null) v.Add("organizationId", Messages.Roles_UnitNeedsOrganization);
        v.ThrowIfInvalid();
    }
}
