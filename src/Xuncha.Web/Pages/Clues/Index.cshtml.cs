using Xuncha.Confidential;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Clues;

/// <summary>The clue register with its statistics; the office selects registered clues and transfers them in one batch.</summary>
[Authorize]
public sealed class IndexModel(ClueService clues, ClueTransferService transfers, RoundQueries rounds, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? RoundId { get; set; }
    [BindProperty(SupportsGet = true)] public ClueStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<ClueRow> Clues { get; private set; } = [];
    public ClueStats Stats { get; private set; } = null!;
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public string? SearchError { get; private set; }
    public bool CanTransfer => actor.Value.Can(Permission.TransferClues);
    public bool CanRegister => actor.Value.Can(Permission.RegisterClues);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!actor.Value.Can(Permission.ViewClues) && !actor.Value.Can(Permission.RegisterClues)) return Forbid();
        Rounds = await rounds.ListAsync(new RoundFilter(), HttpContext.RequestAborted);
        Stats = await clues.StatsAsync(RoundId, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetTableAsync()
    {
        await LoadAsync();
        return Partial("_Table", this);
    }

    public async Task<IActionResult> OnPostTransferAsync(List<Guid> clueIds, ClueReceiver receiver, string? note)
    {
        Guid id = default;
        var result = await this.ActAsync(async () => id = await transfers.TransferAsync(new ClueTransferInput(receiver, clueIds, null, note), HttpContext.RequestAborted),
            UiText.Clue_Transferred, "/clues");
        return id == default ? result : Redirect($"/clues/transfers/{id}");
    }

    private async Task LoadAsync()
    {
        try
        {
            Clues = await clues.ListAsync(new ClueFilter(RoundId, Status, null, null, Overdue, Search), HttpContext.RequestAborted);
        }
        catch (ValidationException e)
        {
            SearchError = string.Join(" ", e.Errors.SelectMany(kv => kv.Value));
            Clues = await clues.ListAsync(new ClueFilter(RoundId, Status, null, null, Overdue), HttpContext.RequestAborted);
        }
    }
}
