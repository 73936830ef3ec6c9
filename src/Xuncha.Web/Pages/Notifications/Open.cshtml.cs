using Xuncha.Notifications;

namespace Xuncha.Web.Pages.Notifications;

/// <summary>
/// A notification is a link: following it marks it read (the reader's own flag, nothing anyone else sees) and
/// opens its item; one without an item opens the list.
/// </summary>
public sealed class OpenModel(NotificationService notifications) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var link = await notifications.MarkReadAsync(id, HttpContext.RequestAborted);
        return LocalRedirect(link is { Length: > 0 } && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? link : "/notifications");
    }
}
