using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xuncha.Accounts;
using Xuncha.Data;

namespace Xuncha.Web.Pages.Account;

public sealed class LoginModel(SignInService signIn, IUserClaimsPrincipalFactory<User> principals, XunchaDbContext db, TimeProvider clock) : PageModel
{
    public sealed class LoginInput
    {
        [Display(Name = "用户名")]
        public string? UserName { get; set; }

        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Notice { get; private set; }
    public int MaxFailures { get; private set; } = SecurityPolicy.BaselineMaxFailures;
    public int LockoutMinutes { get; private set; } = SecurityPolicy.BaselineLockoutMinutes;

    public async Task OnGetAsync(string? reason, string? userName)
    {
        Notice = reason switch
        {
            "signed-out" => UiText.Login_SignedOut,
            "changed" => UiText.ChangePassword_Done,
            _ => null,
        };
        Input.UserName = userName;
        await LoadPolicyAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var check = await signIn.CheckAsync(Input.UserName, Input.Password, HttpContext.RequestAborted);
        switch (check.Outcome)
        {
            case SignInOutcome.Success:
                await SignInCookieAsync(HttpContext, principals, check.User!);
                return LocalRedirect(SafeReturnUrl(ReturnUrl));
            case SignInOutcome.PasswordChangeRequired:
                return RedirectToPage("ChangePassword", new { userName = check.User!.UserName, returnUrl = ReturnUrl });
            case SignInOutcome.LockedOut:
                ModelState.AddModelError("", LockedOutException.Text(check.LockedUntil!.Value, clock));
                break;
            case SignInOutcome.Failed:
            default:
                ModelState.AddModelError("", UiText.Login_Failed);
                break;
        }
        Input.Password = null;
        await LoadPolicyAsync();
        return Page();
    }

    internal static async Task SignInCookieAsync(HttpContext ctx, IUserClaimsPrincipalFactory<User> principals, User user)
    {
        var principal = await principals.CreateAsync(user);
        await ctx.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : "/";

    private async Task LoadPolicyAsync()
    {
        var policy = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync();
        if (policy is null) return;
        MaxFailures = policy.MaxFailedAttempts;
        LockoutMinutes = policy.LockoutMinutes;
    }
}
