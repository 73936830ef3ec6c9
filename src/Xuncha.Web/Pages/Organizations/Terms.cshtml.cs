using Xuncha.Organizations;

namespace Xuncha.Web.Pages.Organizations;

[Authorize(Policy = nameof(Permission.ViewOrganizations))]
public sealed class TermsModel(TermService terms, OrganizationService organizations, CurrentActor actor) : PageModel
{
    public sealed class TermForm
    {
        public Guid? CommitteeId { get; set; }
        public string? Name { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public uint Version { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public TermForm Input { get; set; } = new();

    public IReadOnlyList<TermView> Terms { get; private set; } = [];
    public IReadOnlyList<OrganizationOption> Committees { get; private set; } = [];
    public bool CanManage => actor.Value.Can(Permission.ManageTerms);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Id is { } id && Terms.FirstOrDefault(t => t.Id == id) is { } t)
            Input = new TermForm { CommitteeId = t.CommitteeId, Name = t.Name, StartDate = t.StartDate, EndDate = t.EndDate, Version = t.Version };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        actor.Value.Demand(Permission.ManageTerms);
        ModelState.Clear();
        var input = new TermInput(Input.CommitteeId, Input.Name, Input.StartDate, Input.EndDate);
        TermView? saved = null;
        if (await this.TryAsync(async () => saved = Id is { } id
                ? await terms.UpdateAsync(id, input, Input.Version, HttpContext.RequestAborted)
                : await terms.CreateAsync(input, HttpContext.RequestAborted)))
        {
            TempData.Ok(string.Format(UiText.Terms_Saved, saved!.Name));
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Terms = await terms.ListAsync(HttpContext.RequestAborted);
        Committees = (await organizations.OptionsAsync(ct: HttpContext.RequestAborted)).Where(o => o.Type == OrganizationType.Committee).ToList();
        Input.CommitteeId ??= Committees.FirstOrDefault()?.Id;
    }
}
