using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Clues.Transfers;

[Authorize]
public sealed class IndexModel(ClueTransferService transfers) : PageModel
{
    public IReadOnlyList<TransferRow> Transfers { get; private set; } = [];

    public async Task OnGetAsync() => Transfers = await transfers.TransfersAsync(HttpContext.RequestAborted);
}
