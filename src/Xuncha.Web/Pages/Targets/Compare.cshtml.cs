using Xuncha.Rectification;

namespace Xuncha.Web.Pages.Targets;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class CompareModel(PlanQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int From { get; set; }
    [BindProperty(SupportsGet = true)] public int To { get; set; }

    public IReadOnlyList<TaskDiff> Diffs { get; private set; } = [];

    public async Task OnGetAsync() => Diffs = await queries.CompareAsync(Id, From, To, HttpContext.RequestAborted);
}
