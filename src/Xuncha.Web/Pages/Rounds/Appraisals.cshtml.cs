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

    public Task<IActionResult> OnPostAsync(List<GradeInput> grades) =>
        this.ActAsync(() => appraisals.SaveAsync(Id, grades, HttpContext.RequestAborted), UiText.Appraisal_Saved, $"/rounds/{Id}/appraisals");
}
