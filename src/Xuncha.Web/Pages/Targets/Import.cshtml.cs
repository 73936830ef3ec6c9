using Xuncha.Rectification;
using Xuncha.Spreadsheets;

namespace Xuncha.Web.Pages.Targets;

/// <summary>The unit's plan from Excel: upload, see how every row is read and what it becomes, import all or nothing.</summary>
[Authorize(Policy = nameof(Permission.WritePlans))]
[RequestSizeLimit(PlanImport.MaxBytes + 64 * 1024)]
public sealed class ImportModel(PlanImport import, PlanQueries queries, ImportStaging staging) : PageModel
{
    private const string Prefix = "plan-import";

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public PlanView Plan { get; private set; } = null!;
    public PlanImportResult? Result { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }

    private Task<PlanImportResult> Run(Stream content, string fileName, bool commit) =>
        import.RunAsync(Id, content, fileName, commit, HttpContext.RequestAborted);

    public async Task OnGetAsync() => Plan = await queries.GetAsync(Id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload)
    {
        Plan = await queries.GetAsync(Id, HttpContext.RequestAborted);
        (Token, FileName, Result) = await staging.PreviewAsync(this, upload, Prefix, Run, r => r.IsValid && r.Changes > 0);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string token, string fileName)
    {
        Plan = await queries.GetAsync(Id, HttpContext.RequestAborted);
        Result = await staging.CommitAsync(this, Prefix, token, fileName, Run);
        if (Result is not { IsValid: true }) return Page();
        TempData.Ok(string.Format(UiText.PlanImport_Done, Result.Created, Result.Updated, Result.Unchanged));
        return Redirect($"/targets/{Id}");
    }

    public string Cell(int row, string column) => Result?.Issues.Any(i => i.Row == row && i.Column == column) == true ? "text-danger fw-semibold" : "";

    public IEnumerable<ImportIssue> IssuesOf(int row) => Result?.Issues.Where(i => i.Row == row) ?? [];

    public IEnumerable<ImportIssue> WarningsOf(int row) => Result?.Warnings.Where(i => i.Row == row) ?? [];
}
