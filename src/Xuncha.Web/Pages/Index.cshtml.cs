using Xuncha.Home;

namespace Xuncha.Web.Pages;

public sealed class IndexModel(Dashboard dashboard, CurrentActor actor) : PageModel
{
    public Actor Actor => actor.Value;
    public HomeSummary Summary { get; private set; } = new(null, null, null);

    public async Task OnGetAsync() => Summary = await dashboard.ForCurrentActorAsync(HttpContext.RequestAborted);
}
