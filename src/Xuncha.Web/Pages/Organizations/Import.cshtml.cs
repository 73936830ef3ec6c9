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
        (Token, FileName, Result) = await staging.PreviewAsync(this, upload, Prefix, Run, r => r.IsValid);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string token, string fileName)
    {
        Result = await staging.CommitAsync(this, Prefix, token, fileName, Run);
        if (Result is not { IsValid: true }) return Page();
        TempData.Ok(string.Format(UiText.Import_Done, Result.Imported));
        return Redirect("/organizations");
    }

    public bool HasIssue(int row) => Result?.Issues.Any(i => i.Row == row) ?? false;

    public string Cell(int row, string column) => Result?.Issues.Any(i => i.Row == row && i.Column == column) == true ? "text-danger fw-semibold" : "";

    private const string Prefix = "org-import";

    private Task<OrganizationImportResult> Run(Stream content, string fileName, bool commit) =>
        import.RunAsync(content, fileName, commit, HttpContext.RequestAborted);
}
