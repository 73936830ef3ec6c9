using Xuncha.Organizations;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Rounds;

[Authorize(Policy = nameof(Permission.ManageRounds))]
public sealed class TargetsModel(RoundQueries queries, RoundService rounds, OrganizationService organizations) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public string RoundName { get; private set; } = "";
    public uint Version { get; private set; }
    public IReadOnlyList<OrganizationOption> Options { get; private set; } = [];
    public HashSet<Guid> Selected { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync(null);

    public async Task<IActionResult> OnPostAsync(List<Guid> organizationIds, uint version)
    {
        if (await this.TryAsync(() => rounds.SetTargetsAsync(Id, organizationIds, version, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(UiText.Common_Saved);
            return Redirect($"/rounds/{Id}");
        }
        await LoadAsync(organizationIds);
        return Page();
    }

    private async Task LoadAsync(List<Guid>? chosen)
    {
        var r = await queries.GetAsync(Id, HttpContext.RequestAborted);
        RoundName = r.Name;
        Version = r.Version;
        Selected = (chosen ?? r.Targets.Select(t => t.OrganizationId).ToList()).ToHashSet();
        Options = (await organizations.OptionsAsync(ct: HttpContext.RequestAborted)).Where(o => o.Id != r.CommitteeId).ToList();
    }
}
