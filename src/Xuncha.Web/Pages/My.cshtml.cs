using Xuncha.Home;

namespace Xuncha.Web.Pages;

[Authorize(Policy = nameof(Permission.WritePlans))]
public sealed class MyModel(WorkQueues queues) : PageModel
{
    public WorkQueue Work { get; private set; } = null!;

    public async Task OnGetAsync() => Work = await queues.ForCurrentActorAsync(HttpContext.RequestAborted);
}
