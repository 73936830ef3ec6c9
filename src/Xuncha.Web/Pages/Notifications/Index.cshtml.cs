using Xuncha.Notifications;

namespace Xuncha.Web.Pages.Notifications;

public sealed class IndexModel(NotificationService notifications) : PageModel
{
    public IReadOnlyList<NotificationView> Items { get; private set; } = [];
    public int Unread { get; private set; }

    public async Task OnGetAsync() => (Items, Unread) = await notifications.MineAsync(200, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await notifications.MarkAllReadAsync(HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
