using Xuncha.Organizations;

namespace Xuncha.Web.Pages.Organizations;

/// <summary>Add or edit an organisation; changing its parent moves it with its subtree.</summary>
[Authorize(Policy = nameof(Permission.ManageOrganizations))]
public sealed class EditModel(OrganizationService organizations) : PageModel
{
    public sealed class OrganizationForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public OrganizationType? Type { get; set; }
        public Guid? ParentId { get; set; }
        public string? Secretary { get; set; }
        public int SortOrder { get; set; }
        public uint Version { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public OrganizationForm Input { get; set; } = new();

    public IReadOnlyList<OrganizationOption> Parents { get; private set; } = [];

    public bool IsNew => Id is null;

    public async Task OnGetAsync(Guid? parent)
    {
        if (Id is { } id)
        {
            var o = await organizations.GetAsync(id, HttpContext.RequestAborted);
            Input = new OrganizationForm
            {
                Code = o.Code, Name = o.Name, Type = o.Type, ParentId = o.ParentId, Secretary = o.Secretary,
                SortOrder = o.SortOrder, Version = o.Version,
            };
        }
        else Input.ParentId = parent;
        await LoadParentsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear(); // the service validates; binding errors (e.g. a letter in SortOrder) show as its messages
        var input = new OrganizationInput(Input.Code, Input.Name, Input.Type, Input.ParentId, Input.Secretary, Input.SortOrder);
        OrganizationView? saved = null;
        if (await this.TryAsync(async () => saved = Id is { } id
                ? await organizations.UpdateAsync(id, input, Input.Version, HttpContext.RequestAborted)
                : await organizations.CreateAsync(input, HttpContext.RequestAborted)))
        {
            TempData.Ok(string.Format(UiText.Org_Saved, saved!.Name));
            return Redirect($"/organizations#org-{saved.Id}");
        }
        await LoadParentsAsync();
        return Page();
    }

    private async Task LoadParentsAsync()
    {
        var all = await organizations.OptionsAsync(activeOnly: true, HttpContext.RequestAborted);
        // an organisation cannot go under itself or its own descendants
        var self = Id is { } id ? all.FirstOrDefault(o => o.Id == id) : null;
        if (self is null) Parents = all;
        else
        {
            var lines = await organizations.TreeAsync(ct: HttpContext.RequestAborted);
            var path = lines.Single(l => l.Org.Id == self.Id).Org.Path;
            var excluded = lines.Where(l => l.Org.Path.StartsWith(path, StringComparison.Ordinal)).Select(l => l.Org.Id).ToHashSet();
            Parents = all.Where(o => !excluded.Contains(o.Id)).ToList();
        }
    }
}
