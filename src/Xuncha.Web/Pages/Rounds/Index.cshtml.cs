using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Rounds;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class IndexModel(RoundQueries rounds, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public RoundStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public bool CanManage => actor.Value.Can(Permission.ManageRounds);

    public async Task OnGetAsync() => Rounds = await rounds.ListAsync(new RoundFilter(Status, Year), HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetTableAsync()
    {
        await OnGetAsync();
        return Partial("_Table", Rounds);
    }
}
