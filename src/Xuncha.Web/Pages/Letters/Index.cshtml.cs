using Xuncha.Confidential;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Letters;

[Authorize(Policy = nameof(Permission.HandleLetters))]
public sealed class IndexModel(LetterService letters, RoundQueries rounds, XunchaSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? RoundId { get; set; }
    [BindProperty(SupportsGet = true)] public LetterStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<LetterRow> Letters { get; private set; } = [];
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public IReadOnlyList<ChannelLink> Channels { get; private set; } = [];
    public string? SearchError { get; private set; }

    public string Link(ChannelLink c) => settings.ReportLink(c.Token);

    public async Task OnGetAsync()
    {
        Rounds = await rounds.ListAsync(new RoundFilter(), HttpContext.RequestAborted);
        Channels = await letters.ChannelsAsync(HttpContext.RequestAborted);
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetTableAsync()
    {
        await LoadAsync();
        return Partial("_Table", this);
    }

    private async Task LoadAsync()
    {
        try
        {
            Letters = await letters.ListAsync(new LetterFilter(RoundId, null, Status, Search), HttpContext.RequestAborted);
        }
        catch (ValidationException e)
        {
            SearchError = string.Join(" ", e.Errors.SelectMany(kv => kv.Value));
            Letters = await letters.ListAsync(new LetterFilter(RoundId, null, Status), HttpContext.RequestAborted);
        }
    }
}
