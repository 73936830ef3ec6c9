using Xuncha.Documents;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Web.Api;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Rounds;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class DetailModel(RoundQueries queries, RoundService rounds, FeedbackService feedback, ProblemExport problems, CurrentActor actor, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public RoundDetail Round { get; private set; } = null!;
    public DateOnly Today => clock.Today();
    public bool CanManage => actor.Value.Can(Permission.ManageRounds);
    public bool CanAppraise => actor.Value.Can(Permission.ViewPool) || actor.Value.Can(Permission.AppraiseMembers);
    public bool CanApprove => actor.Value.Can(Permission.ApproveRounds);

    public bool ReportApproved(Guid? groupId) => Round.Groups.Any(g => g.Id == groupId && g.ReportStatus == ReportStatus.Approved);

    public async Task OnGetAsync() => Round = await queries.GetAsync(Id, HttpContext.RequestAborted);

    /// <summary>The round's documents and workbooks, as far as the actor may have them.</summary>
    public IReadOnlyList<DownloadLink> Downloads
    {
        get
        {
            var a = actor.Value;
            var list = new List<DownloadLink>();
            if (CanManage || CanApprove || a.Has(Role.Discipline) || Round.Groups.Any(g => g.Members.Any(m => m.UserId == a.UserId)))
                list.Add(new(UiText.Downloads_RoundPlan, DownloadLink.Document(DocumentKind.RoundPlan, Id), true, "download-round-plan"));
            list.Add(new(UiText.Downloads_Problems, $"/rounds/{Id}?handler=Problems", false, "download-problems"));
            if (Round.Status >= RoundStatus.Reporting && CanAppraise)
                list.Add(new(UiText.Downloads_Appraisal, DownloadLink.Document(DocumentKind.Appraisal, Id), true, "download-appraisal"));
            return list;
        }
    }

    public async Task<IActionResult> OnGetProblemsAsync()
    {
        string name = "";
        var stream = await Api.Downloads.TempAsync(async s => name = (await problems.ExportAsync(new ProblemFilter(RoundId: Id), s, HttpContext.RequestAborted)).FileName);
        return File(stream, Api.Downloads.XlsxType, name);
    }

    public Task<IActionResult> OnPostSubmitAsync(uint version) =>
        this.ActAsync(() => rounds.SubmitAsync(Id, version, HttpContext.RequestAborted), UiText.Round_Submitted, Back);

    public Task<IActionResult> OnPostApproveAsync(uint version, string? comment) =>
        this.ActAsync(() => rounds.ApproveAsync(Id, comment, version, HttpContext.RequestAborted), UiText.Round_Approved, Back);

    public Task<IActionResult> OnPostReturnAsync(uint version, string? comment) =>
        this.ActAsync(() => rounds.ReturnAsync(Id, comment, version, HttpContext.RequestAborted), UiText.Round_Returned, Back);

    public Task<IActionResult> OnPostStartAsync(uint version, DateOnly? date) =>
        this.ActAsync(() => rounds.StartFieldworkAsync(Id, date, version, HttpContext.RequestAborted), UiText.Round_FieldworkStarted, Back);

    public Task<IActionResult> OnPostEndAsync(uint version, DateOnly? date) =>
        this.ActAsync(() => rounds.EndFieldworkAsync(Id, date, version, HttpContext.RequestAborted), UiText.Round_FieldworkEnded, Back);

    public async Task<IActionResult> OnPostFeedbackAsync(Guid targetId, uint version, DateOnly? date)
    {
        var name = (await queries.GetAsync(Id, HttpContext.RequestAborted)).Targets.FirstOrDefault(t => t.Id == targetId)?.OrganizationName ?? "";
        return await this.ActAsync(() => feedback.GiveAsync(targetId, date, version, HttpContext.RequestAborted),
            string.Format(UiText.Round_FeedbackGiven, name), Back);
    }

    private string Back => $"/rounds/{Id}";
}
