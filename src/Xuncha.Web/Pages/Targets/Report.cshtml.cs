using Xuncha.Rectification;

namespace Xuncha.Web.Pages.Targets;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class ReportModel(RectificationReportService reports) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public RectificationReportView Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await reports.GetAsync(Id, HttpContext.RequestAborted);

    public IReadOnlyList<DownloadLink> Downloads =>
        [new(UiText.Downloads_Report, DownloadLink.Document(Documents.DocumentKind.RectificationReport, Id), true, "download-report")];

    public Task<IActionResult> OnPostSaveAsync(string? summary, uint? version) =>
        this.ActAsync(() => reports.SaveAsync(Id, summary, version, HttpContext.RequestAborted), UiText.Report_SavedDone, Back);

    public Task<IActionResult> OnPostSubmitAsync(string? summary, uint? version) =>
        this.ActAsync(async () =>
        {
            await reports.SaveAsync(Id, summary, version, HttpContext.RequestAborted);
            await reports.SubmitAsync(Id, null, HttpContext.RequestAborted);
        }, UiText.Report_SubmittedDone, Back);

    public Task<IActionResult> OnPostEvaluateAsync(Grade? grade, string? comment, uint? version) =>
        this.ActAsync(() => reports.EvaluateAsync(Id, grade, comment, version, HttpContext.RequestAborted), UiText.Report_EvaluatedDone, Back);

    public Task<IActionResult> OnPostReturnAsync(string? comment, uint? version) =>
        this.ActAsync(() => reports.ReturnAsync(Id, comment, version, HttpContext.RequestAborted), UiText.Report_ReturnedDone, Back);

    private string Back => $"/targets/{Id}/report";
}
