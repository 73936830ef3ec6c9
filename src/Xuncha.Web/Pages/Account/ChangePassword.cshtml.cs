using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xuncha.Accounts;
using Xuncha.Data;

namespace Xuncha.Web.Pages.Account;

/// <summary>Change one's own password; also the forced change after a password someone else set.</summary>
public sealed class ChangePasswordModel(
    SignInService signIn, IUserClaimsPrincipalFactory<User> principals, CurrentActor actor, XunchaDbContext db) : PageModel
{
    public sealed class ChangeInput
    {
        public string? UserName { get; set; }

        [DataType(DataType.Password)]
        public string? CurrentPassword { get; set; }

        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }

        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SignedIn => actor.Value.UserId is not null;
    public int MinLength { get; private set; } = SecurityPolicy.BaselineMinLength;
    public int Classes { get; private set; } = SecurityPolicy.BaselineClasses;

    public async Task OnGetAsync(string? userName)
    {
        Input.UserName = SignedIn ? actor.Value.UserName : userName;
        await LoadPolicyAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignedIn) Input.UserName = actor.Value.UserName;
        if (Input.NewPassword != Input.ConfirmPassword)
            ModelState.AddModelError("Input.ConfirmPassword", UiText.ChangePassword_Mismatch);
        else if (await this.TryAsync(() => signIn.ChangePasswordAsync(Input.UserName, Input.CurrentPassword, Input.NewPassword, HttpContext.RequestAborted)))
        {
            // the change renewed the security stamp: sign in again with the new password
            var check = await signIn.CheckAsync(Input.UserName, Input.NewPassword, HttpContext.RequestAborted);
            if (check.Outcome == SignInOutcome.Success)
            {
                await LoginModel.SignInCookieAsync(HttpContext, principals, check.User!);
                TempData.Ok(UiText.ChangePassword_Done);
                return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
            }
            return RedirectToPage("Login", new { reason = "changed", userName = Input.UserName });
        }
        Input.CurrentPassword = Input.NewPassword = Input.ConfirmPassword = null;
        await LoadPolicyAsync();
        return Page();
    }

    private async Task LoadPolicyAsync()
    {
        var policy = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync();
        if (policy is null) return;
        MinLength = policy.PasswordMinLength;
        Classes = policy.PasswordCharClasses;
    }
}
