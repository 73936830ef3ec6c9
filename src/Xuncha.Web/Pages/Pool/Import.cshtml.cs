using Xuncha.Pool;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Pool;

/// <summary>The office's Excel list of inspectors: upload, preview every row with its errors, import all or nothing; export.</summary>
[Authorize(Policy = nameof(Permission.ManagePool))]
[RequestSizeLimit(Xuncha.Organizations.OrganizationImport.MaxBytes + 64 * 1024)]
public sealed class ImportModel(PoolImport import, PoolQueries queries, ImportStaging staging, TimeProvider clock) : PageModel
{
    private const string Prefix = "pool-import";

    public PoolImportResult? Result { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var stream = await Downloads.TempAsync(s => import.ExportAsync(new PoolFilter(), s, queries, HttpContext.RequestAborted));
        return File(stream, Downloads.XlsxType, $"巡察人才库-{Downloads.Stamp(clock)}.xlsx");
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("", Messages.Error_Required);
            return Page();
        }
        (Token, FileName, var path) = await staging.StageAsync(upload, Prefix, HttpContext.RequestAborted);
        await this.TryAsync(async () =>
        {
            await using var f = System.IO.File.OpenRead(path);
            Result = await import.RunAsync(f, upload.FileName, commit: false, HttpContext.RequestAborted);
        }, "");
        if (Result is not { IsValid: true }) System.IO.File.Delete(path);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string token, string fileName)
    {
        if (staging.Find(Prefix, token, fileName) is not { } path)
        {
            ModelState.AddModelError("", UiText.Import_Expired);
            return Page();
        }
        try
        {
            await using var f = System.IO.File.OpenRead(path);
            if (await this.TryAsync(async () => Result = await import.RunAsync(f, fileName, commit: true, HttpContext.RequestAborted), "") && Result!.IsValid)
            {
                TempData.Ok(string.Format(UiText.Pool_Imported, Result.Imported));
                return Redirect("/pool");
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }
        return Page();
    }

    public string Cell(int row, string column) => Result?.Issues.Any(i => i.Row == row && i.Column == column) == true ? "text-danger fw-semibold" : "";
}
