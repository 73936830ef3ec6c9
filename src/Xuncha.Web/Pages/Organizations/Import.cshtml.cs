using Xuncha.Organizations;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Organizations;

/// <summary>Upload, preview every row with its errors, then import all or nothing.</summary>
[Authorize(Policy = nameof(Permission.ManageOrganizations))]
[RequestSizeLimit(OrganizationImport.MaxBytes + 64 * 1024)]
public sealed class ImportModel(OrganizationImport import, OrganizationExport export, ImportStaging staging) : PageModel
{
    public OrganizationImportResult? Result { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var stream = new MemoryStream();
        export.WriteTemplate(stream);
        stream.Position = 0;
        return File(stream, Downloads.XlsxType, "组织机构导入模板.xlsx");
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
            if (await this.TryAsync(async () => Result = await import.RunAsync(f, fileName, commit: true, HttpContext.RequestAborted), "")
                && Result!.IsValid)
            {
                TempData.Ok(string.Format(UiText.Import_Done, Result.Imported));
                return Redirect("/organizations");
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }
        return Page();
    }

    public bool HasIssue(int row) => Result?.Issues.Any(i => i.Row == row) ?? false;

    public string Cell(int row, string column) => Result?.Issues.Any(i => i.Row == row && i.Column == column) == true ? "text-danger fw-semibold" : "";

    private const string Prefix = "org-import";
}
