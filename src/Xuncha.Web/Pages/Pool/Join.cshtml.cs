using Xuncha.Organizations;
using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>
/// 自荐 (anyone with a business account, for themselves) and 组织推荐 (a unit's liaison, for someone of their
/// organisation). Someone already in the pool sees their record instead.
/// </summary>
[Authorize]
public sealed class JoinModel(PoolQueries queries, PoolService pool, OrganizationService organizations, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Recommend { get; set; }
    [BindProperty] public MemberForm Input { get; set; } = new();

    public MemberFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Allowed) return Forbid();
        if (!Recommend && await queries.MineAsync(HttpContext.RequestAborted) is { } mine) return Redirect($"/pool/{mine}");
        Input.OrganizationId = actor.Value.OrganizationId;
        if (!Recommend) Input.Name = actor.Value.DisplayName;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Allowed) return Forbid();
        ModelState.Clear();
        if (await this.TryAsync(() => Recommend
                ? pool.RecommendAsync(Input.Input with { UserId = null }, null, Input.Reason, HttpContext.RequestAborted)
                : pool.ApplyAsync(Input.Input with { LeaderEligible = false }, Input.Reason, HttpContext.RequestAborted)))
        {
            TempData.Ok(Recommend ? UiText.Pool_Recommended : UiText.Pool_Applied);
            return Redirect(Recommend ? "/pool/join?recommend=true" : "/pool/me");
        }
        await LoadAsync();
        return Page();
    }

    private bool Allowed => actor.Value.Can(Recommend ? Permission.RecommendToPool : Permission.JoinPool);

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (ranks, professions) = await queries.ListsAsync(ct);
        var orgs = await organizations.OptionsAsync(ct: ct);
        if (Recommend && actor.Value.OrganizationId is { } mine)
        {
            var own = orgs.FirstOrDefault(o => o.Id == mine);
            // a liaison recommends from their own organisation and those under it
            orgs = own is null ? [] : orgs.SkipWhile(o => o.Id != mine).TakeWhile((o, i) => i == 0 || o.Depth > own.Depth).ToList();
        }
        View = new MemberFormView(Input, orgs, ranks, professions, [], false, false);
    }
}
