using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>My pool record: the record if there is one, else the self-recommendation form.</summary>
[Authorize(Policy = nameof(Permission.JoinPool))]
public sealed class MeModel(PoolQueries queries) : PageModel
{
    public async Task<IActionResult> OnGetAsync() =>
        Redirect(await queries.MineAsync(HttpContext.RequestAborted) is { } id ? $"/pool/{id}" : "/pool/join");
}
