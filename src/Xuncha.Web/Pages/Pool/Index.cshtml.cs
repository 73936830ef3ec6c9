using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

[Authorize(Policy = nameof(Permission.ViewPool))]
public sealed class IndexModel(PoolQueries pool, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public MemberStatus? Status { get; set; } = MemberStatus.Active;
    [BindProperty(SupportsGet = true)] public Guid? ProfessionId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? RankId { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Leader { get; set; }
    [BindProperty(SupportsGet = true)] public bool? FullTime { get; set; }
    [BindProperty(SupportsGet = true)] public bool Unconfirmed { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnusedYears { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<OptionItem> Ranks { get; private set; } = [];
    public IReadOnlyList<OptionItem> Professions { get; private set; } = [];
    public IReadOnlyDictionary<MemberStatus, int> Counts { get; private set; } = new Dictionary<MemberStatus, int>();
    public bool CanManage => actor.Value.Can(Permission.ManagePool);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        (Ranks, Professions) = await pool.ListsAsync(ct);
        Members = await pool.ListAsync(Filter, ct);
        var all = await pool.ListAsync(new PoolFilter(Status: null), ct);
        Counts = all.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
    }

    public async Task<IActionResult> OnGetTableAsync()
    {
        Members = await pool.ListAsync(Filter, HttpContext.RequestAborted);
        return Partial("_Table", this);
    }

    private PoolFilter Filter => new(Status, ProfessionId, RankId, Leader, FullTime, Unconfirmed, UnusedYears, Search);
}
