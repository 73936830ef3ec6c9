using Xuncha.Accounts;

namespace Xuncha.Web.Pages.Admin;

[Authorize(Policy = nameof(Permission.ManageSecurityPolicy))]
public sealed class PolicyModel(SecurityPolicyService policies) : PageModel
{
    public sealed class PolicyForm
    {
        public int PasswordMinLength { get; set; }
        public int PasswordCharClasses { get; set; }
        public int MaxFailedAttempts { get; set; }
        public int LockoutMinutes { get; set; }
        public uint Version { get; set; }
    }

    [BindProperty]
    public PolicyForm Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        var p = await policies.GetAsync(HttpContext.RequestAborted);
        Input = new PolicyForm
        {
            PasswordMinLength = p.PasswordMinLength, PasswordCharClasses = p.PasswordCharClasses,
            MaxFailedAttempts = p.MaxFailedAttempts, LockoutMinutes = p.LockoutMinutes, Version = p.Version,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (await this.TryAsync(() => policies.UpdateAsync(
                new SecurityPolicyInput(Input.PasswordMinLength, Input.PasswordCharClasses, Input.MaxFailedAttempts, Input.LockoutMinutes),
                Input.Version, HttpContext.RequestAborted)))
        {
            TempData.Ok(UiText.Policy_Saved);
            return RedirectToPage();
        }
        return Page();
    }
}
