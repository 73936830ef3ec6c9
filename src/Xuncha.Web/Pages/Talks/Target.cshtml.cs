using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Talks;

/// <summary>A target's talk list with the unit's leadership roster it is drawn from.</summary>
[Authorize(Policy = nameof(Permission.RecordTalks))]
public sealed class TargetModel(TalkService talks) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public TalkList List { get; private set; } = null!;

    public async Task OnGetAsync() => List = await talks.ListAsync(Id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostDefaultAsync()
    {
        var added = 0;
        var result = await this.ActAsync(async () => added = await talks.PlanDefaultAsync(Id, HttpContext.RequestAborted), "", Back);
        if (TempData.Peek(Flash.Success) is not null) TempData.Ok(string.Format(UiText.Talk_DefaultAdded, added));
        return result;
    }

    public Task<IActionResult> OnPostAddAsync(string? name, string? post, TalkCategory category, DateOnly? plannedOn) =>
        this.ActAsync(() => talks.AddAsync(Id, new TalkInput(name, post, category, plannedOn), HttpContext.RequestAborted), UiText.Talk_Added, Back);

    public Task<IActionResult> OnPostLeaderAsync(string? name, string? post, TalkCategory category, DateOnly? retiredOn) =>
        this.ActAsync(() => talks.AddLeaderAsync(Id, new LeaderInput(name, post, category, retiredOn), HttpContext.RequestAborted), UiText.Talk_LeaderAdded, Back);

    public Task<IActionResult> OnPostRemoveLeaderAsync(Guid leaderId) =>
        this.ActAsync(() => talks.RemoveLeaderAsync(Id, leaderId, HttpContext.RequestAborted), UiText.Talk_LeaderRemoved, Back);

    private string Back => $"/targets/{Id}/talks";
}
