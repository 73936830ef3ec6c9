using Microsoft.AspNetCore.Identity;

namespace Xuncha.Accounts;

/// <summary>Identity's own messages, in Chinese.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), Messages.Identity_Default);
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), Messages.Error_Stale);
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), Messages.Identity_PasswordMismatch);
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), Messages.Identity_InvalidUserName);
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), string.Format(Messages.Identity_DuplicateUserName, userName));
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), Messages.Identity_Default);
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), Messages.Identity_Default);
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), Messages.Identity_Default);
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), Messages.Identity_Default);
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), Messages.Identity_Default);
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), string.Format(Messages.Password_TooShort, length));

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
