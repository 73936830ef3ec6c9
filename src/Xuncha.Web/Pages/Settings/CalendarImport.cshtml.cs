using Xuncha.Deadlines;

namespace Xuncha.Web.Pages.Settings;

/// <summary>The office types the State Council's yearly notice into a table (日期, 类型, 说明), previews every row, imports all or nothing.</summary>
[Authorize(Policy = nameof(Permission.ManageDeadlines))]
[RequestSizeLimit(Xuncha.Organizations.OrganizationImport.MaxBytes + 64 * 1024)]
public sealed class CalendarImportModel(CalendarImport import, ImportStaging staging) : PageModel
{
    private const string Prefix = "calendar-import";

    /// <summary>Where the days come from, printed beside each (the notice's title); the file's name when left empty.</summary>
    [BindProperty] public string? Source { get; set; }

    public CalendarImportResult? Result { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    private Task<CalendarImportResult> Run(Stream content, string fileName, bool commit) =>
        import.RunAsync(content, fileName, Source, commit, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload)
    {
        (Token, FileName, Result) = await staging.PreviewAsync(this, upload, Prefix, Run, r => r.IsValid);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string token, string fileName)
    {
        Result = await staging.CommitAsync(this, Prefix, token, fileName, Run);
        if (Result is not { IsValid: true }) return Page();
        TempData.Ok(string.Format(UiText.Calendar_Imported, Result.Imported, string.Join("、", Result.Years)));
        return Redirect($"/settings/deadlines?year={Result.Years.FirstOrDefault()}");
    }

    public string Cell(int row, string column) => Result?.Issues.Any(i => i.Row == row && i.Column == column) == true ? "text-danger fw-semibold" : "";
}
