using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

[Authorize(Policy = nameof(Permission.ViewPool))]
public sealed class StatsModel(PoolQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? UnusedYears { get; set; }

    public PoolStats Stats { get; private set; } = null!;

    public async Task OnGetAsync() => Stats = await queries.StatsAsync(UnusedYears is >= 1 and <= 10 ? UnusedYears : null, HttpContext.RequestAborted);
}
