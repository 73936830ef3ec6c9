using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Talks;

[Authorize(Policy = nameof(Permission.RecordTalks))]
public sealed class IndexModel(TalkService talks) : PageModel
{
    public IReadOnlyList<TalkTargetRow> Targets { get; private set; } = [];

    public async Task OnGetAsync() => Targets = await talks.TargetsAsync(HttpContext.RequestAborted);
}
