using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Problems;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class IndexModel(ProblemQueries problems, RoundQueries rounds, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? RoundId { get; set; }
    [BindProperty(SupportsGet = true)] public ProblemStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public bool CanDraft => actor.Value.Can(Permission.DraftProblems);
    public string Subtitle => $"共 {Problems.Count} 个";

    public async Task OnGetAsync()
    {
        Rounds = await rounds.ListAsync(new RoundFilter(), HttpContext.RequestAborted);
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetTableAsync()
    {
        await LoadAsync();
        return Partial("_Table", Problems);
    }

    private async Task LoadAsync() =>
        Problems = await problems.ListAsync(new ProblemFilter(RoundId, Status: Status, Search: Search, MineOnly: Mine), HttpContext.RequestAborted);
}
