using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>The yearly review: the office confirms who stays in the pool for the year; the rest are flagged and not proposed.</summary>
[Authorize(Policy = nameof(Permission.ManagePool))]
public sealed class ReviewModel(PoolQueries queries, PoolService pool, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public int ThisYear => clock.Today().Year;

    public async Task OnGetAsync()
    {
        Year ??= ThisYear;
        Members = await queries.ListAsync(new PoolFilter(), HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostAsync(int year, List<Guid> memberIds) =>
        this.ActAsync(() => pool.ConfirmAsync(year, memberIds, HttpContext.RequestAborted),
            string.Format(UiText.Pool_ConfirmedCount, memberIds.Distinct().Count(), year), $"/pool/review?year={year}");
}
