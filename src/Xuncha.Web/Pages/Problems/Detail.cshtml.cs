using Xuncha.Problems;

namespace Xuncha.Web.Pages.Problems;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class DetailModel(ProblemQueries queries, ProblemService problems, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ProblemDetail Problem { get; private set; } = null!;

    /// <summary>The inspected unit does not see the inspectors' evidence.</summary>
    public bool IsUnitView => actor.Value.Has(Role.Unit) && !actor.Value.Can(Permission.DraftProblems) && !actor.Value.Can(Permission.ManageRounds);

    public async Task OnGetAsync() => Problem = await queries.GetAsync(Id, HttpContext.RequestAborted);

    public Task<IActionResult> OnPostSubmitAsync(uint version) =>
        this.ActAsync(() => problems.SubmitAsync(Id, version, HttpContext.RequestAborted), UiText.Problem_Submitted, Back);

    public async Task<IActionResult> OnPostApproveAsync(uint version)
    {
        var result = await this.ActAsync(() => problems.ApproveAsync(Id, version, HttpContext.RequestAborted), "", Back);
        if (TempData.Peek(Flash.Success) is not null)
            TempData.Ok(string.Format(UiText.Problem_Approved, (await queries.GetAsync(Id, HttpContext.RequestAborted)).Row.Number));
        return result;
    }

    public Task<IActionResult> OnPostReturnAsync(uint version, string? reason) =>
        this.ActAsync(() => problems.ReturnAsync(Id, reason, version, HttpContext.RequestAborted), UiText.Problem_ReturnedDone, Back);

    public Task<IActionResult> OnPostDeleteAsync(uint version) =>
        this.ActAsync(() => problems.DeleteAsync(Id, version, HttpContext.RequestAborted), UiText.Problem_Deleted, "/problems");

    public Task<IActionResult> OnPostRemoveFileAsync(Guid fileId) =>
        this.ActAsync(() => problems.RemoveFileAsync(Id, fileId, HttpContext.RequestAborted), UiText.Problem_FileRemoved, Back);

    private string Back => $"/problems/{Id}";
}
