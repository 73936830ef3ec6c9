using Xuncha.Accounts;

namespace Xuncha.Web.Pages.Admin;

[Authorize(Policy = nameof(Permission.ManageRoles))]
public sealed class RolesModel(AccountService accounts, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];
    public AccountView? Editing { get; private set; }
    public Guid? Me => actor.Value.UserId;

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync(string[] roles, string version)
    {
        if (Id is not { } id) return RedirectToPage();
        var chosen = roles.Select(k => Roles.TryParse(k, out var r) ? r : (Role?)null).OfType<Role>().Distinct().ToList();
        AccountView? saved = null;
        if (await this.TryAsync(async () => saved = await accounts.SetRolesAsync(id, chosen, version, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(string.Format(UiText.Roles_Saved, saved!.DisplayName));
            return Redirect("/admin/roles");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Accounts = await accounts.ListAsync(null, HttpContext.RequestAborted);
        Editing = Id is { } id ? Accounts.FirstOrDefault(a => a.Id == id) ?? throw new NotFoundException() : null;
    }
}
