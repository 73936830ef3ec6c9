using Xuncha.Backups;

namespace Xuncha.Web.Pages.Admin;

[Authorize(Policy = nameof(Permission.ManageBackups))]
public sealed class BackupsModel(BackupService backups) : PageModel
{
    public IReadOnlyList<BackupFile> Files { get; private set; } = [];

    public void OnGet() => Files = backups.List();

    public async Task<IActionResult> OnPostAsync()
    {
        BackupFile? file = null;
        if (await this.TryAsync(async () => file = await backups.CreateAsync(null, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(string.Format(UiText.Backups_Done, file!.Name));
            return RedirectToPage();
        }
        Files = backups.List();
        return Page();
    }
}
