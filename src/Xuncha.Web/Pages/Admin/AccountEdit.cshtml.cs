using Xuncha.Accounts;
using Xuncha.Organizations;

namespace Xuncha.Web.Pages.Admin;

[Authorize(Policy = nameof(Permission.ManageAccounts))]
public sealed class AccountEditModel(AccountService accounts, OrganizationService organizations) : PageModel
{
    public sealed class AccountForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public Guid? OrganizationId { get; set; }
        public string? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public AccountForm Input { get; set; } = new();

    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];
    public CreatedAccount? Created { get; private set; }

    /// <summary>Pre-chosen organisation (from the office's request for a unit's liaison account).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? OrganizationId { get; set; }

    public async Task OnGetAsync()
    {
        Input.OrganizationId = OrganizationId;
        if (Id is { } id)
        {
            var a = await accounts.GetAsync(id, HttpContext.RequestAborted);
            Input = new AccountForm { UserName = a.UserName, DisplayName = a.DisplayName, OrganizationId = a.OrganizationId, Version = a.Version };
        }
        Organizations = await organizations.OptionsAsync(ct: HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var input = new AccountInput(Input.UserName, Input.DisplayName, Input.OrganizationId);
        if (Id is { } id)
        {
            if (await this.TryAsync(() => accounts.UpdateAsync(id, input, Input.Version ?? "", HttpContext.RequestAborted)))
            {
                TempData.Ok(UiText.Common_Saved);
                return RedirectToPage("Accounts");
            }
        }
        else await this.TryAsync(async () => Created = await accounts.CreateAsync(input, [], null, HttpContext.RequestAborted));
        Organizations = await organizations.OptionsAsync(ct: HttpContext.RequestAborted);
        return Page();
    }
}
