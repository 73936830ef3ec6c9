using Xuncha.Rectification;

namespace Xuncha.Web.Pages.Groups;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class ReportModel(GroupReportService reports) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public GroupReportView Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await reports.GetAsync(Id, HttpContext.RequestAborted);

    public IReadOnlyList<DownloadLink> Downloads =>
        [new(UiText.Downloads_GroupReport, DownloadLink.Document(Documents.DocumentKind.GroupReport, Id), true, "download-group-report")];

    public Task<IActionResult> OnPostSaveAsync(string? generalAssessment, string? suggestions, uint? version) =>
        this.ActAsync(() => reports.SaveAsync(Id, generalAssessment, suggestions, version, HttpContext.RequestAborted), UiText.GroupReport_Saved, Back);

    /// <summary>Saves what was typed, then submits.</summary>
    public Task<IActionResult> OnPostSubmitAsync(string? generalAssessment, string? suggestions, uint? version) =>
        this.ActAsync(async () =>
        {
            await reports.SaveAsync(Id, generalAssessment, suggestions, version, HttpContext.RequestAborted);
            await reports.SubmitAsync(Id, null, HttpContext.RequestAborted);
        }, UiText.GroupReport_SubmittedDone, Back);

    public Task<IActionResult> OnPostApproveAsync(string? comment, uint? version) =>
        this.ActAsync(() => reports.ApproveAsync(Id, comment, version, HttpContext.RequestAborted), UiText.GroupReport_ApprovedDone, Back);

    public Task<IActionResult> OnPostReturnAsync(string? comment, uint? version) =>
        this.ActAsync(() => reports.ReturnAsync(Id, comment, version, HttpContext.RequestAborted), UiText.GroupReport_ReturnedDone, Back);

    private string Back => $"/groups/{Id}/report";
}
