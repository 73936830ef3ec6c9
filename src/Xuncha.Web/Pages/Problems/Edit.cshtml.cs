using Xuncha.Problems;
using Xuncha.Rounds;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Problems;

[Authorize(Policy = nameof(Permission.DraftProblems))]
[RequestSizeLimit(WebServices.UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = WebServices.UploadLimit)]
public sealed class EditModel(ProblemService problems, ProblemQueries queries, RoundQueries rounds) : PageModel
{
    public sealed class ProblemForm
    {
        public Guid? TargetId { get; set; }
        public string? Title { get; set; }
        public string? Manifestation { get; set; }
        public string? Basis { get; set; }
        public string? Responsibility { get; set; }
        public Guid? CategoryId { get; set; }
        public bool ImmediateFix { get; set; }
        public string? ImmediateFixNote { get; set; }
        public uint? Version { get; set; }

        public ProblemInput Input => new(TargetId, Title, Manifestation, Basis, Responsibility, CategoryId, ImmediateFix, ImmediateFixNote);
    }

    public sealed record TargetOption(Guid Id, Guid RoundId, string Label);

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? RoundId { get; set; }
    [BindProperty] public ProblemForm Input { get; set; } = new();
    public IFormFileCollection? Files { get; set; }

    public IReadOnlyList<TargetOption> Targets { get; private set; } = [];
    public IReadOnlyList<ProblemCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(Guid? targetId)
    {
        if (Id is { } id)
        {
            var p = await queries.GetAsync(id, HttpContext.RequestAborted);
            if (!p.CanEdit) throw new ForbiddenException(Messages.Problem_OnlyAuthorOrLeader);
            RoundId = p.Row.RoundId;
            Input = new ProblemForm
            {
                TargetId = p.Row.TargetId, Title = p.Row.Title, Manifestation = p.Manifestation, Basis = p.Basis, Responsibility = p.Responsibility,
                CategoryId = p.Row.CategoryId, ImmediateFix = p.Row.ImmediateFix, ImmediateFixNote = p.ImmediateFixNote, Version = p.Row.Version,
            };
        }
        else Input.TargetId = targetId;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(IFormFileCollection files)
    {
        ModelState.Clear();
        Guid saved = default;
        if (await this.TryAsync(async () =>
            {
                var uploads = Uploads.From(files);
                if (Id is { } id) await problems.UpdateAsync(saved = id, Input.Input, Input.Version, uploads, HttpContext.RequestAborted);
                else saved = await problems.CreateAsync(Input.Input, uploads, HttpContext.RequestAborted);
            }))
        {
            TempData.Ok(UiText.Common_Saved);
            return Redirect($"/problems/{saved}");
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>The targets of the caller's groups in rounds still in fieldwork, and the categories of the round.</summary>
    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var list = new List<TargetOption>();
        foreach (var r in await rounds.ListAsync(new RoundFilter(), ct))
        {
            if (r.Status is not (RoundStatus.InField or RoundStatus.Reporting)) continue;
            var detail = await rounds.GetAsync(r.Id, ct);
            var mine = detail.Groups.Select(g => g.Id).ToHashSet();
            list.AddRange(detail.Targets.Where(t => t.GroupId is { } g && mine.Contains(g) && t.FeedbackDate is null)
                .Select(t => new TargetOption(t.Id, r.Id, $"{t.OrganizationName}（{r.Name}）")));
        }
        Targets = list;
        var round = Input.TargetId is { } tid ? list.FirstOrDefault(t => t.Id == tid)?.RoundId ?? RoundId : RoundId ?? list.FirstOrDefault()?.RoundId;
        Categories = round is { } rid ? await rounds.CategoriesAsync(rid, ct) : [];
    }
}
