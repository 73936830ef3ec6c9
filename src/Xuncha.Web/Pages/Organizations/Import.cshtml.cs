using System.Security.Cryptography;
using Xuncha.Organizations;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Organizations;

/// <summary>Upload, preview every row with its errors, then import all or nothing.</summary>
[Authorize(Policy = nameof(Permission.ManageOrganizations))]
[RequestSizeLimit(OrganizationImport.MaxBytes + 64 * 1024)]
public sealed class ImportModel(OrganizationImport import, OrganizationExport export, XunchaSettings settings, TimeProvider clock) : PageModel
{
    public OrganizationImportResult? Result { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    private string Staging => Path.Combine(settings.DataDirectory, "staging");

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
        CleanStaging();
        var ext = Path.GetExtension(upload.FileName).ToLowerInvariant();
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        FileName = Path.GetFileName(upload.FileName);
        var path = StagedPath(Token, ext);
        await using (var f = System.IO.File.Create(path)) await upload.CopyToAsync(f, HttpContext.RequestAborted);
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
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower) || !System.IO.File.Exists(StagedPath(token, ext)))
        {
            ModelState.AddModelError("", UiText.Import_Expired);
            return Page();
        }
        var path = StagedPath(token, ext);
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

    private string StagedPath(string token, string ext) => Path.Combine(Staging, $"org-import-{token}{(ext is ".xlsx" or ".csv" ? ext : ".bin")}");

    private void CleanStaging()
    {
        Directory.CreateDirectory(Staging);
        foreach (var f in new DirectoryInfo(Staging).GetFiles("org-import-*"))
            if (f.LastWriteTimeUtc < clock.GetUtcNow().UtcDateTime.AddHours(-1)) f.Delete();
    }
}
