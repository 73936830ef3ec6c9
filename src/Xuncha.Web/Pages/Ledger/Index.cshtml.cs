using Xuncha.Ledger;
using Xuncha.Rectification;
using Xuncha.Rounds;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Ledger;

[Authorize(Policy = nameof(Permission.ViewLedger))]
public sealed class IndexModel(LedgerService ledger, RoundQueries rounds, CurrentActor actor, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? RoundId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? OrganizationId { get; set; }
    [BindProperty(SupportsGet = true)] public TaskKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public TaskState? State { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public LedgerResult Result { get; private set; } = new([], new LedgerTotals(0, 0, 0, 0));
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];

    private LedgerFilter Filter => new(RoundId, OrganizationId, null, Kind, State, Overdue, Search);

    public string QueryString => string.Join("&", new (string, string?)[]
        {
            ("roundId", RoundId?.ToString()), ("organizationId", OrganizationId?.ToString()), ("kind", Kind?.ToString()), ("state", State?.ToString()),
            ("overdue", Overdue ? "true" : null), ("search", Search),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public async Task OnGetAsync()
    {
        Result = await ledger.QueryAsync(Filter, HttpContext.RequestAborted);
        Rounds = await rounds.ListAsync(new RoundFilter(), HttpContext.RequestAborted);
        var all = OrganizationId is null && Kind is null && State is null && !Overdue && Search is null
            ? Result : await ledger.QueryAsync(new LedgerFilter(RoundId), HttpContext.RequestAborted);
        Units = all.Rows.Select(r => (r.OrganizationId, r.Unit)).Distinct().OrderBy(u => u.Unit).ToList();
    }

    /// <summary>The filter in words, printed above the table.</summary>
    public string FilterText
    {
        get
        {
            var parts = new List<string>
            {
                RoundId is { } r ? Rounds.FirstOrDefault(x => x.Id == r)?.Name ?? "" : UiText.Ledger_AllRounds,
                OrganizationId is { } o ? Units.FirstOrDefault(x => x.Id == o).Name ?? "" : UiText.Ledger_AllUnits,
            };
            if (Kind is { } k) parts.Add(k.Label());
            if (State is { } s) parts.Add(s.Label());
            if (Overdue) parts.Add(UiText.Ledger_OverdueOnly);
            if (!string.IsNullOrWhiteSpace(Search)) parts.Add($"“{Search.Trim()}”");
            return UiText.Ledger_PrintFilter + string.Join("，", parts.Where(p => p.Length > 0));
        }
    }

    /// <summary>Who printed it and when, as the exports say it.</summary>
    public string PrintTrace => string.Format(UiText.Ledger_PrintTrace, Xuncha.Organizations.OrganizationExport.Who(actor.Value),
        clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm"));

    public async Task<IActionResult> OnGetExportAsync()
    {
        var stream = await Downloads.TempAsync(s => ledger.ExportAsync(Filter, s, HttpContext.RequestAborted));
        return File(stream, Downloads.XlsxType, $"整改台账-{Downloads.Stamp(clock)}.xlsx");
    }
}
