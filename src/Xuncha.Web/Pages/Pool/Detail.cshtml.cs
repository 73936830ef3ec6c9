using Xuncha.Organizations;
using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>One member's record; the office keeps it, the member reads it and declares their own avoidance relations.</summary>
[Authorize]
public sealed class DetailModel(PoolQueries queries, PoolService pool, OrganizationService organizations) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public MemberDetail Detail { get; private set; } = null!;
    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];
    public bool CanDeclare => Detail.CanManage || Detail.IsSelf;

    public async Task OnGetAsync()
    {
        Detail = await queries.GetAsync(Id, HttpContext.RequestAborted);
        if (CanDeclare) Organizations = await organizations.OptionsAsync(ct: HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostApproveAsync(string? note, uint version) =>
        this.ActAsync(() => pool.ApproveAsync(Id, note, version, HttpContext.RequestAborted), UiText.Pool_Approved, Back);

    public Task<IActionResult> OnPostRejectAsync(string? note, uint version) =>
        this.ActAsync(() => pool.RejectAsync(Id, note, version, HttpContext.RequestAborted), UiText.Pool_Rejected, Back);

    public Task<IActionResult> OnPostExitAsync(ExitReason? reason, string? note, uint version) =>
        this.ActAsync(() => pool.ExitAsync(Id, reason, note, version, HttpContext.RequestAborted), UiText.Pool_ExitedDone, Back);

    public Task<IActionResult> OnPostRelationAsync(RelationKind? kind, Guid? organizationId, DateOnly? fromDate, DateOnly? toDate, string? personName,
        string? relation, string? note) =>
        this.ActAsync(() => pool.AddRelationAsync(Id, new RelationInput(kind, organizationId, fromDate, toDate, personName, relation, note), HttpContext.RequestAborted),
            UiText.Pool_RelationAdded, Back + "#relations");

    public Task<IActionResult> OnPostRemoveRelationAsync(Guid relationId) =>
        this.ActAsync(() => pool.RemoveRelationAsync(Id, relationId, HttpContext.RequestAborted), UiText.Pool_Removed, Back + "#relations");

    public Task<IActionResult> OnPostTrainingAsync(string? course, TrainingKind? kind, DateOnly? date, decimal? hours) =>
        this.ActAsync(() => pool.AddTrainingAsync(Id, new TrainingInput(course, kind, date, hours), HttpContext.RequestAborted), UiText.Pool_TrainingAdded, Back + "#training");

    public Task<IActionResult> OnPostRemoveTrainingAsync(Guid trainingId) =>
        this.ActAsync(() => pool.RemoveTrainingAsync(Id, trainingId, HttpContext.RequestAborted), UiText.Pool_Removed, Back + "#training");

    public Task<IActionResult> OnPostRecommendationAsync(string? body, DateOnly? date, string? note) =>
        this.ActAsync(() => pool.AddRecommendationAsync(Id, new RecommendationInput(body, date, note), HttpContext.RequestAborted), UiText.Pool_RecommendationAdded, Back + "#upward");

    public Task<IActionResult> OnPostRemoveRecommendationAsync(Guid recommendationId) =>
        this.ActAsync(() => pool.RemoveRecommendationAsync(Id, recommendationId, HttpContext.RequestAborted), UiText.Pool_Removed, Back + "#upward");

    private string Back => $"/pool/{Id}";
}
