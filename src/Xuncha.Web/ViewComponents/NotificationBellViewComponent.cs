using Microsoft.AspNetCore.Mvc;
using Xuncha.Notifications;

namespace Xuncha.Web.ViewComponents;

/// <summary>The bell in the header: unread count and the latest notices.</summary>
public sealed class NotificationBellViewComponent(NotificationService notifications) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await notifications.MineAsync(8));
}
