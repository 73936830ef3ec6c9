using Xuncha.Accounts;

namespace Xuncha.Web.Pages.Admin;

/// <summary>强制下线: the 系统管理员 sees an account's sessions (web and API) and ends one or all of them.</summary>
[Authorize(Policy = nameof(Permission.ManageAccounts))]
public sealed class SessionsModel(AccountService accounts, SessionService sessions) : PageModel
{
    public AccountView Account { get; private set; } = null!;
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public async Task OnGetAsync(Guid id)
    {
        Account = await accounts.GetAsync(id, HttpContext.RequestAborted);
        Sessions = await sessions.ListAsync(id, HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostEndAsync(Guid id, Guid? sessionId) =>
        this.ActAsync(() => sessions.EndByAdministratorAsync(id, sessionId, HttpContext.RequestAborted),
            sessionId is null ? UiText.Sessions_AllEnded : UiText.Sessions_Ended, $"/admin/sessions/{id}");
}
