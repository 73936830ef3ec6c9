using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Clues;

[Authorize]
public sealed class DetailModel(ClueService clues) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ClueDetail Clue { get; private set; } = null!;

    public async Task OnGetAsync() => Clue = await clues.GetAsync(Id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        var (file, content) = await clues.FileAsync(Id, fileId, HttpContext.RequestAborted);
        Api.Downloads.Guard(Response, confidential: true);
        return File(content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostDisposeAsync(ClueDisposal disposal, DisciplineForm? form, string? outcome, DateOnly? on, uint version) =>
        this.ActAsync(() => clues.DisposeAsync(Id, new ClueDisposalInput(disposal, form, outcome, on), version, HttpContext.RequestAborted), UiText.Clue_Disposed, $"/clues/{Id}");

    public Task<IActionResult> OnPostDeleteAsync(string? reason) =>
        this.ActAsync(() => clues.DeleteAsync(Id, reason, HttpContext.RequestAborted), UiText.Letter_Deleted, "/clues");
}
