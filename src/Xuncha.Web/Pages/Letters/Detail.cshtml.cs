using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Letters;

[Authorize(Policy = nameof(Permission.HandleLetters))]
public sealed class DetailModel(LetterService letters) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public LetterDetail Letter { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Categories { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Members { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Letter = await letters.GetAsync(Id, HttpContext.RequestAborted);
        (Categories, Members) = await letters.OptionsAsync(Id, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        var (file, content) = await letters.FileAsync(Id, fileId, HttpContext.RequestAborted);
        Api.Downloads.Guard(Response, confidential: true);
        return File(content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostClassifyAsync(Guid? categoryId, Guid? assigneeId, uint version) =>
        this.ActAsync(() => letters.ClassifyAsync(Id, categoryId, assigneeId, version, HttpContext.RequestAborted), UiText.Letter_Classified, Back);

    /// <summary>The decision form as posted, shown again when it is refused.</summary>
    public sealed record DecisionForm(LetterDecision Decision, string? Reason, string? ProblemTitle, Guid? CategoryId, string? ProblemText,
        string? ClueSubject, string? CluePost, string? ClueSummary, ClueLevel ClueLevel, bool ClueTopLeader);

    public DecisionForm? Decision { get; private set; }

    /// <summary>The message as posted, shown again when it is refused.</summary>
    public (string? Body, bool Question)? Message { get; private set; }

    public async Task<IActionResult> OnPostDecideAsync(LetterDecision decision, string? reason, string? problemTitle, Guid? categoryId, string? problemText,
        string? clueSubject, string? cluePost, string? clueSummary, ClueLevel clueLevel, bool clueTopLeader, uint version)
    {
        var input = new LetterDecisionInput(decision, reason, problemTitle, categoryId, problemText,
            decision == LetterDecision.ToClue
                ? new ClueInput(null, null, null, ClueSource.Letter, Id, clueLevel, clueTopLeader, clueSubject, cluePost, clueSummary, null)
                : null);
        if (await this.TryAsync(() => letters.DecideAsync(Id, input, version, HttpContext.RequestAborted), ""))
            return Done(UiText.Letter_Decided);
        Decision = new DecisionForm(decision, reason, problemTitle, categoryId, problemText, clueSubject, cluePost, clueSummary, clueLevel, clueTopLeader);
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(string? body, bool question)
    {
        if (await this.TryAsync(() => letters.MessageAsync(Id, body, question, HttpContext.RequestAborted), "")) return Done(UiText.Letter_MessageSent);
        Message = (body, question);
        await OnGetAsync();
        return Page();
    }

    private RedirectResult Done(string message)
    {
        TempData.Ok(message);
        return Redirect(Back);
    }

    public Task<IActionResult> OnPostDeleteAsync(string? reason) =>
        this.ActAsync(() => letters.DeleteAsync(Id, reason, HttpContext.RequestAborted), UiText.Letter_Deleted, "/letters");

    private string Back => $"/letters/{Id}";
}
