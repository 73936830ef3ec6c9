using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xuncha.Data;

namespace Xuncha.Accounts;

/// <summary>Length and character classes (upper, lower, digit, other) from the current security policy.</summary>
public sealed class PasswordPolicyValidator(XunchaDbContext db) : IPasswordValidator<User>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        var policy = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync() ?? SecurityPolicy.Baseline();
        var errors = Check(policy, user.UserName, password ?? "").Select(m => new IdentityError { Code = "PasswordPolicy", Description = m });
        var list = errors.ToArray();
        return list.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(list);
    }

    public static IEnumerable<string> Check(SecurityPolicy policy, string? userName, string password)
    {
        if (password.Length < policy.PasswordMinLength)
            yield return string.Format(Messages.Password_TooShort, policy.PasswordMinLength);
        if (CharClasses(password) < policy.PasswordCharClasses)
            yield return string.Format(Messages.Password_Classes, policy.PasswordCharClasses);
        if (!string.IsNullOrEmpty(userName) && userName.Length >= 3 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            yield return Messages.Password_ContainsUserName;
    }

    public static int CharClasses(string password) =>
        (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
        + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
        + (password.Any(char.IsAsciiDigit) ? 1 : 0)
        + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
}
