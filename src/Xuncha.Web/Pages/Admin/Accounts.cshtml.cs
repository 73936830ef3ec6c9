using Xuncha.Accounts;

namespace Xuncha.Web.Pages.Admin;

[Authorize(Policy = nameof(Permission.ManageAccounts))]
public sealed class AccountsModel(AccountService accounts, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];
    public Guid? Me => actor.Value.UserId;

    /// <summary>A one-time password, shown in this response only (never stored or redirected with).</summary>
    public string? Password { get; private set; }
    public string? PasswordFor { get; private set; }

    public async Task OnGetAsync() => Accounts = await accounts.ListAsync(Q, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetTableAsync()
    {
        await OnGetAsync();
        return Partial("_AccountsTable", this);
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id)
    {
        if (await this.TryAsync(async () => Password = await accounts.ResetPasswordAsync(id, HttpContext.RequestAborted), ""))
            PasswordFor = string.Format(UiText.Accounts_PasswordReset, (await accounts.GetAsync(id)).DisplayName);
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        if (await this.TryAsync(() => accounts.UnlockAsync(id, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(string.Format(UiText.Accounts_Unlocked, (await accounts.GetAsync(id)).DisplayName));
            return RedirectToPage();
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, string version, bool active)
    {
        if (await this.TryAsync(() => accounts.SetActiveAsync(id, active, version, HttpContext.RequestAborted), ""))
        {
            var name = (await accounts.GetAsync(id)).DisplayName;
            TempData.Ok(string.Format(active ? UiText.Accounts_Activated : UiText.Accounts_Deactivated, name));
            return RedirectToPage();
        }
        await OnGetAsync();
        return Page();
    }
}
