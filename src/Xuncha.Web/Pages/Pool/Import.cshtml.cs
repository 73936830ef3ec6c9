using Xuncha.Pool;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Pool;

/// <summary>The office's Excel list of inspectors: upload, preview every row with its errors, import all or nothing; export.</summary>
[Authorize(Policy = nameof(Permission.ManagePool))]
[RequestSizeLimit(Xuncha.Organizations.OrganizationImport.MaxBytes + 64 * 1024)]
public sealed class ImportModel(PoolImport import, PoolQueries queries, ImportStaging staging, TimeProvider clock) : PageModel
{
    private const string Prefix = "pool-import";

    private Task<PoolImportResult> Run(Stream content, string fileName, bool commit) =>
        import.RunAsync(content, fileName, commit, HttpContext.RequestAborted);

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
        (Token, FileName, Result) = await staging.PreviewAsync(this, upload, Prefix, Run, r => r.IsValid);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string token, string fileName)
    {
        Result = await staging.CommitAsync(this, Prefix, token, fileName, Run);
        if (Result is not { IsValid: true }) return Page();
        TempData.Ok(string.Format(UiText.Pool_Imported, Result.Imported));
        return Redirect("/pool");
    }

    public string Cell(int row, string column) => Result?.Issues.Any(i => i.Row == row && i.Column == column) == true ? "text-danger fw-semibold" : "";
}
