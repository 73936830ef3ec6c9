using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Talks;

[Authorize(Policy = nameof(Permission.RecordTalks))]
public sealed class DetailModel(TalkService talks) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public TalkDetail Talk { get; private set; } = null!;

    public async Task OnGetAsync() => Talk = await talks.GetAsync(Id, HttpContext.RequestAborted);

    /// <summary>What was typed, kept when a save is refused (a long record must not be lost to a missing tick).</summary>
    public TalkRecordInput? Draft { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostRecordAsync(DateOnly? talkedOn, List<Guid> interviewers, string? place, string? content, bool confirmed,
        string? confirmationNote, uint version)
    {
        var input = new TalkRecordInput(talkedOn, interviewers, place, content, confirmed, confirmationNote);
        try
        {
            await talks.RecordAsync(Id, input, version, HttpContext.RequestAborted);
            TempData.Ok(UiText.Talk_Recorded);
            return Redirect($"/talks/{Id}");
        }
        catch (ValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(kv => kv.Value));
        }
        catch (DomainException e)
        {
            Error = e.Message;
        }
        Draft = input;
        Talk = await talks.GetAsync(Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string? reason, uint version)
    {
        var t = await talks.GetAsync(Id, HttpContext.RequestAborted);
        return await this.ActAsync(() => talks.CancelAsync(Id, reason, version, HttpContext.RequestAborted), UiText.Talk_Cancelled, $"/targets/{t.Row.TargetId}/talks");
    }
}
