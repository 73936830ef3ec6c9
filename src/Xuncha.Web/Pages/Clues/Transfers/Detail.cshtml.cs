using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Clues.Transfers;

[Authorize]
public sealed class DetailModel(ClueService clues, ClueTransferService transfers) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public TransferRow Transfer { get; private set; } = null!;
    public IReadOnlyList<ClueRow> Clues { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Transfer = await transfers.TransferAsync(Id, HttpContext.RequestAborted);
        Clues = await clues.ListAsync(new ClueFilter(TransferId: Id), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetListAsync()
    {
        var name = "";
        var file = await Api.Downloads.TempAsync(async o => name = await transfers.TransferListAsync(Id, o, HttpContext.RequestAborted));
        return File(file, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(DateOnly? on, uint version) =>
        this.ActAsync(() => transfers.AcknowledgeAsync(Id, on, version, HttpContext.RequestAborted), UiText.Clue_Acknowledged, $"/clues/transfers/{Id}");
}
