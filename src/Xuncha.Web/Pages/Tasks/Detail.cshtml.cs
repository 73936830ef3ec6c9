using Xuncha.Rectification;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Tasks;

[Authorize(Policy = nameof(Permission.ViewRounds))]
[RequestSizeLimit(WebServices.UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = WebServices.UploadLimit)]
public sealed class DetailModel(PlanQueries queries, TaskService tasks) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public TaskDetail Detail { get; private set; } = null!;

    public async Task OnGetAsync() => Detail = await queries.TaskAsync(Id, HttpContext.RequestAborted);

    public Task<IActionResult> OnPostProgressAsync(string? text, int? percent, uint version, IFormFileCollection files) =>
        this.ActAsync(() => tasks.ReportProgressAsync(Id, text, percent, Uploads.From(files), version, HttpContext.RequestAborted), UiText.Task_ProgressSaved, Back);

    public Task<IActionResult> OnPostRequestClosureAsync(string? statement, uint version, IFormFileCollection files) =>
        this.ActAsync(() => tasks.RequestClosureAsync(Id, statement, Uploads.From(files), version, HttpContext.RequestAborted), UiText.Task_ClosureRequested, Back);

    public Task<IActionResult> OnPostCloseAsync(uint version, ClosureResult? result) =>
        this.ActAsync(() => tasks.CloseAsync(Id, result ?? ClosureResult.Completed, version, HttpContext.RequestAborted), UiText.Task_ClosedDone, Back);

    public Task<IActionResult> OnPostReturnClosureAsync(uint version, string? reason) =>
        this.ActAsync(() => tasks.ReturnClosureAsync(Id, reason, version, HttpContext.RequestAborted), UiText.Task_ClosureReturnedDone, Back);

    private string Back => $"/tasks/{Id}";
}
