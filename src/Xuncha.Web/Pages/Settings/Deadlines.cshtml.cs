using Xuncha.Deadlines;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Settings;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class DeadlinesModel(DeadlineService deadlines, CalendarImport calendar, RoundService rounds, CurrentActor actor, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public DeadlinePolicy Policy { get; private set; } = null!;
    public string CommitteeName { get; private set; } = "";
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    /// <summary>The year's days as the notice groups them: consecutive days of one kind and holiday on one line.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly To, bool IsWorkday, string? Note, string? Source)> Runs { get; private set; } = [];
    public bool CanManage => actor.Value.Can(Permission.ManageDeadlines);
    private Guid CommitteeId { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPolicyAsync(int planDueWorkingDays, int reportDueMonths, int warningDays, int immediateFixDays, int maxDeadlineMonths, int? clueReplyMonths, uint? version)
    {
        await LoadAsync();
        if (await this.TryAsync(() => deadlines.UpdatePolicyAsync(CommitteeId,
                new DeadlinePolicyInput(planDueWorkingDays, reportDueMonths, warningDays, immediateFixDays, maxDeadlineMonths, clueReplyMonths), version, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(UiText.Deadlines_Saved);
            return RedirectToPage();
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        Year ??= clock.Today().Year;
        var stream = await Api.Downloads.TempAsync(s => calendar.ExportAsync(Year.Value, s, clock, HttpContext.RequestAborted));
        return File(stream, Api.Downloads.XlsxType, $"节假日-{Year}.xlsx");
    }

    public Task<IActionResult> OnPostDayAsync(DateOnly date, bool isWorkday, string? note, uint? version) =>
        this.ActAsync(() => deadlines.SetDayAsync(date, isWorkday, note, version, ct: HttpContext.RequestAborted), UiText.Deadlines_DaySaved,
            $"/settings/deadlines?year={date.Year}");

    /// <summary>Takes a run of days off the calendar, each at the version the page showed.</summary>
    public Task<IActionResult> OnPostRemoveAsync(string[] days)
    {
        var versions = new Dictionary<DateOnly, uint?>();
        foreach (var d in days)
            if (d.Split(':') is [var date, var v] && DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day) && uint.TryParse(v, out var version))
                versions[day] = version;
        var year = versions.Keys.Select(k => (int?)k.Year).FirstOrDefault() ?? clock.Today().Year;
        return this.ActAsync(() => deadlines.RemoveDaysAsync(versions, HttpContext.RequestAborted), UiText.Deadlines_DaySaved, $"/settings/deadlines?year={year}");
    }

    private async Task LoadAsync()
    {
        Year ??= clock.Today().Year;
        var d = await rounds.DefaultsForViewAsync(HttpContext.RequestAborted);
        (CommitteeId, CommitteeName) = d;
        Policy = await deadlines.PolicyAsync(CommitteeId, HttpContext.RequestAborted);
        Days = await deadlines.CalendarDaysAsync(Year.Value, HttpContext.RequestAborted);
        Runs = CalendarImport.Runs(Days);
    }
}
