using Xuncha.Home;

namespace Xuncha.Web.Pages;

public sealed class IndexModel(Dashboard dashboard, WorkQueues queues, CurrentActor actor) : PageModel
{
    public Actor Actor => actor.Value;
    public HomeSummary Summary { get; private set; } = new(null, null, null);
    public WorkQueue Work { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Summary = await dashboard.ForCurrentActorAsync(HttpContext.RequestAborted);
        Work = await queues.ForCurrentActorAsync(HttpContext.RequestAborted);
    }
}
