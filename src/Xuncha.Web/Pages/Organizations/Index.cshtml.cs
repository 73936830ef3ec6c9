using Xuncha.Organizations;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Organizations;

[Authorize(Policy = nameof(Permission.ViewOrganizations))]
public sealed class IndexModel(OrganizationService organizations, OrganizationExport export, CurrentActor actor, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Show deactivated organisations too: yes on first load, then as the checkbox says.</summary>
    public bool Inactive => !Request.Query.ContainsKey("q") || Request.Query["inactive"] == "true";

    public IReadOnlyList<OrganizationLine> Lines { get; private set; } = [];

    public int Total { get; private set; }
    public int ActiveCount { get; private set; }
    public bool CanManage => actor.Value.Can(Permission.ManageOrganizations);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnGetTreeAsync()
    {
        await LoadAsync();
        return Partial("_Tree", this);
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, uint version) =>
        RowAsync(() => organizations.DeactivateAsync(id, version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReactivateAsync(Guid id, uint version) =>
        RowAsync(() => organizations.ReactivateAsync(id, version, HttpContext.RequestAborted));

    public async Task<IActionResult> OnGetExportAsync()
    {
        var stream = await Downloads.TempAsync(s => export.WriteAsync(s, HttpContext.RequestAborted));
        return File(stream, Downloads.XlsxType, $"组织机构-{Downloads.Stamp(clock)}.xlsx");
    }

    /// <summary>An action on one row answers with the row re-rendered, or with the reason it was refused.</summary>
    private async Task<IActionResult> RowAsync(Func<Task<OrganizationView>> action)
    {
        try
        {
            var org = await action();
            var line = (await organizations.TreeAsync(ct: HttpContext.RequestAborted)).Single(l => l.Org.Id == org.Id);
            if (!Request.Headers.ContainsKey("HX-Request")) return RedirectToPage();
            return Partial("_Row", (line, CanManage));
        }
        catch (DomainException e) when (e is not NotFoundException and not ForbiddenException)
        {
            return StatusCode(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private async Task LoadAsync()
    {
        var all = await organizations.TreeAsync(ct: HttpContext.RequestAborted);
        Total = all.Count;
        ActiveCount = all.Count(l => l.Org.IsActive);
        Lines = string.IsNullOrWhiteSpace(Q) && Inactive ? all : await organizations.TreeAsync(Q, Inactive, HttpContext.RequestAborted);
    }
}
