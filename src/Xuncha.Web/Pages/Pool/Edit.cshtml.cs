using Xuncha.Organizations;
using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>The office enrols a member (研究确定) or edits one.</summary>
[Authorize(Policy = nameof(Permission.ManagePool))]
public sealed class EditModel(PoolQueries queries, PoolService pool, OrganizationService organizations) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public MemberForm Input { get; set; } = new();

    public MemberFormView View { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        if (Id is { } id) Input = MemberForm.From(await queries.GetAsync(id, HttpContext.RequestAborted));
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var id = Id;
        if (await this.TryAsync(async () =>
            {
                if (Id is { } existing) await pool.UpdateAsync(existing, Input.Input, Input.Version, HttpContext.RequestAborted);
                else id = await pool.EnrolAsync(Input.Input, Input.Reason, HttpContext.RequestAborted);
            }))
        {
            TempData.Ok(UiText.Pool_Saved);
            return Redirect($"/pool/{id}");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (ranks, professions) = await queries.ListsAsync(ct);
        View = new MemberFormView(Input, await organizations.OptionsAsync(ct: ct), ranks, professions, await queries.AccountChoicesAsync(ct), true, true);
    }
}
