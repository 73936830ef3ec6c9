using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>Group formation's rules and goal weights, and the lists of ranks and professions.</summary>
[Authorize(Policy = nameof(Permission.ViewPool))]
public sealed class SettingsModel(PoolQueries queries, PoolService pool, CurrentActor actor) : PageModel
{
    public PoolPolicy Policy { get; private set; } = null!;
    public IReadOnlyList<OptionItem> Ranks { get; private set; } = [];
    public IReadOnlyList<OptionItem> Professions { get; private set; } = [];
    public bool CanManage => actor.Value.Can(Permission.ManagePool);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPolicyAsync(PoolService.PolicyInput input, uint? version)
    {
        if (await this.TryAsync(() => pool.UpdatePolicyAsync(input, version, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(UiText.Pool_SettingsSaved);
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostRankAsync(Guid? id, string? name, int level, bool active, uint? version) =>
        this.ActAsync(() => pool.SaveRankAsync(id, name, level, active, HttpContext.RequestAborted, version), UiText.Pool_SettingsSaved, "/pool/settings#lists");

    public Task<IActionResult> OnPostProfessionAsync(Guid? id, string? name, int order, bool active, uint? version) =>
        this.ActAsync(() => pool.SaveProfessionAsync(id, name, order, active, HttpContext.RequestAborted, version), UiText.Pool_SettingsSaved, "/pool/settings#lists");

    private async Task LoadAsync()
    {
        Policy = await queries.PolicyAsync(HttpContext.RequestAborted);
        (Ranks, Professions) = await queries.ListsAsync(HttpContext.RequestAborted);
    }
}
