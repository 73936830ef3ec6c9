using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Clues.Transfers;

[Authorize]
public sealed class IndexModel(ClueService clues) : PageModel
{
    public IReadOnlyList<TransferRow> Transfers { get; private set; } = [];

    public async Task OnGetAsync() => Transfers = await clues.TransfersAsync(HttpContext.RequestAborted);
}
