using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Xuncha.Audit;
using Xuncha.Data;

namespace Xuncha.Web.Pages.Account;

public sealed class LogoutModel(XunchaDbContext db) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (db.Actor.UserId is { } id) await db.RecordNowAsync(AuditAction.SignOut, "users", id.ToString());
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return RedirectToPage("Login", new { reason = "signed-out" });
    }
}
