using Xuncha.Rectification;

namespace Xuncha.Web.Pages.Targets;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class PlanModel(PlanQueries queries, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public PlanView Plan { get; private set; } = null!;

    public async Task OnGetAsync() => Plan = await queries.GetAsync(Id, HttpContext.RequestAborted);

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
