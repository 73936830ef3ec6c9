using Xuncha.Pool;

namespace Xuncha.Web.Pages.Rounds;

/// <summary>鉴定: group leaders grade their members, the office grades everyone; export for the organisation department.</summary>
[Authorize]
public sealed class AppraisalsModel(AppraisalService appraisals, CurrentActor actor, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public AppraisalSheet Sheet { get; private set; } = null!;
    public bool CanExport => actor.Value.Can(Permission.ViewPool);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!actor.Value.Can(Permission.ViewPool) && !actor.Value.Can(Permission.AppraiseMembers)) return Forbid();
        Sheet = await appraisals.SheetAsync(Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var stream = await Web.Api.Downloads.TempAsync(s => appraisals.ExportAsync(Id, s, HttpContext.RequestAborted));
        return File(stream, Web.Api.Downloads.XlsxType, $"鉴定表-{Web.Api.Downloads.Stamp(clock)}.xlsx");
    }

    /// <summary>What was posted, shown again when the sheet is refused (the 优秀 share, a missing comment), so nothing is typed twice.</summary>
    public IReadOnlyDictionary<Guid, GradeInput> Posted { get; private set; } = new Dictionary<Guid, GradeInput>();

    public async Task<IActionResult> OnPostAsync(List<GradeInput> grades)
    {
        if (await this.TryAsync(() => appraisals.SaveAsync(Id, grades, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(UiText.Appraisal_Saved);
            return Redirect($"/rounds/{Id}/appraisals");
        }
        Posted = grades.GroupBy(g => g.MemberId).ToDictionary(g => g.Key, g => g.Last());
        Sheet = await appraisals.SheetAsync(Id, HttpContext.RequestAborted);
        return Page();
    }
}
