using Microsoft.AspNetCore.Identity;

namespace Xuncha.Accounts;

/// <summary>An account. Identity keeps the credentials; these are the fields Xuncha adds.</summary>
public sealed class User : IdentityUser<Guid>
{
    public const int DisplayNameMax = 50;
    public const int UserNameMax = 50;

    public string DisplayName { get; set; } = "";
    public Guid? OrganizationId { get; set; }

    /// <summary>Set whenever someone other than the user chose the password (seeded, created, reset).</summary>
    public bool MustChangePassword { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PasswordChangedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
