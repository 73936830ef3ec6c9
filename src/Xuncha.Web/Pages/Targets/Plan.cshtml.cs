using Xuncha.Rectification;

namespace Xuncha.Web.Pages.Targets;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class PlanModel(PlanQueries queries, PlanService plans, PlanImport import) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public PlanView Plan { get; private set; } = null!;

    public async Task OnGetAsync() => Plan = await queries.GetAsync(Id, HttpContext.RequestAborted);

    public IReadOnlyList<DownloadLink> Downloads =>
    [
        new(UiText.Downloads_Feedback, DownloadLink.Document(Documents.DocumentKind.Feedback, Id), true, "download-feedback"),
        new(UiText.Downloads_Plan, DownloadLink.Document(Documents.DocumentKind.RectificationPlan, Id), true, "download-plan"),
        new(UiText.Downloads_PlanXlsx, $"/targets/{Id}?handler=Tasks", false, "download-plan-xlsx"),
    ];

    public async Task<IActionResult> OnGetTasksAsync()
    {
        string name = "";
        var stream = await Api.Downloads.TempAsync(async s => name = (await import.ExportAsync(Id, s, HttpContext.RequestAborted)).FileName);
        return File(stream, Api.Downloads.XlsxType, name);
    }

    /// <summary>Asks the 系统管理员 to open a liaison account for the unit (accounts are theirs to make: 三员分立).</summary>
    public Task<IActionResult> OnPostRequestLiaisonAsync() =>
        this.ActAsync(() => plans.RequestLiaisonAsync(Id, HttpContext.RequestAborted), UiText.Plan_LiaisonRequested, Back);

    public Task<IActionResult> OnPostSubmitAsync(uint version) =>
        this.ActAsync(() => plans.SubmitAsync(Id, version, HttpContext.RequestAborted), UiText.Plan_SubmittedDone, Back);

    public Task<IActionResult> OnPostApproveAsync(uint version, string? comment) =>
        this.ActAsync(() => plans.ApproveAsync(Id, comment, version, HttpContext.RequestAborted), UiText.Plan_ApprovedDone, Back);

    public Task<IActionResult> OnPostReturnAsync(uint version, string? comment, Dictionary<Guid, string>? taskComments) =>
        this.ActAsync(() => plans.ReturnAsync(Id, comment,
            taskComments?.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value), version, HttpContext.RequestAborted),
            UiText.Plan_ReturnedDone, Back);

    public Task<IActionResult> OnPostDeleteTaskAsync(Guid taskId, uint version) =>
        this.ActAsync(() => plans.DeleteTaskAsync(Id, taskId, version, HttpContext.RequestAborted), UiText.Plan_TaskDeleted, Back);

    public Task<IActionResult> OnPostApproveSupplementAsync(Guid taskId, uint version) =>
        this.ActAsync(() => plans.ApproveSupplementAsync(taskId, version, HttpContext.RequestAborted), UiText.Plan_SupplementApproved, Back);

    public Task<IActionResult> OnPostRejectSupplementAsync(Guid taskId, uint version, string? reason) =>
        this.ActAsync(() => plans.RejectSupplementAsync(taskId, reason, version, HttpContext.RequestAborted), UiText.Plan_SupplementRejected, Back);

    private string Back => $"/targets/{Id}";
}
