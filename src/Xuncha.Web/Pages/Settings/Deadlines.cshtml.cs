using Xuncha.Deadlines;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Settings;

[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class DeadlinesModel(DeadlineService deadlines, RoundService rounds, CurrentActor actor, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public DeadlinePolicy Policy { get; private set; } = null!;
    public string CommitteeName { get; private set; } = "";
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];
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

    public Task<IActionResult> OnPostDayAsync(DateOnly date, bool isWorkday, string? note) =>
        this.ActAsync(() => deadlines.SetDayAsync(date, isWorkday, note, HttpContext.RequestAborted), UiText.Deadlines_DaySaved,
            $"/settings/deadlines?year={date.Year}");

    private async Task LoadAsync()
    {
        Year ??= clock.Today().Year;
        var d = await rounds.DefaultsForViewAsync(HttpContext.RequestAborted);
        (CommitteeId, CommitteeName) = d;
        Policy = await deadlines.PolicyAsync(CommitteeId, HttpContext.RequestAborted);
        Days = await deadlines.CalendarDaysAsync(Year.Value, HttpContext.RequestAborted);
    }
}
