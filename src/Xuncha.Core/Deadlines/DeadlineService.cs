using Xuncha.Audit;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Deadlines;

public sealed record DeadlinePolicyInput(int PlanDueWorkingDays, int ReportDueMonths, int WarningDays, int ImmediateFixDays, int MaxDeadlineMonths, int? ClueReplyMonths = null);

public sealed record TargetDeadlines(DateOnly FeedbackDate, DateOnly PlanDue, DateOnly ReportDue);

/// <summary>
/// Due dates computed from the feedback date and the committee's policy (never stored twice): the plan
/// after N working days, the report after N months; and the calendar of holidays and working weekends.
/// </summary>
public sealed class DeadlineService(XunchaDbContext db, TimeProvider clock)
{
    private WorkCalendar? _calendar;
    private readonly Dictionary<Guid, DeadlinePolicy> _policies = [];

    public DateOnly Today => clock.Today();

    public async Task<DeadlinePolicy> PolicyAsync(Guid committeeId, CancellationToken ct = default)
    {
        if (_policies.TryGetValue(committeeId, out var cached)) return cached;
        var policy = await db.DeadlinePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.CommitteeId == committeeId, ct)
                     ?? DeadlinePolicy.Default(committeeId);
        return _policies[committeeId] = policy;
    }

    public async Task<WorkCalendar> CalendarAsync(CancellationToken ct = default) =>
        _calendar ??= new WorkCalendar(await db.CalendarDays.AsNoTracking().ToDictionaryAsync(d => d.Date, d => d.IsWorkday, ct));

    public async Task<TargetDeadlines> ForFeedbackAsync(Guid committeeId, DateOnly feedback, CancellationToken ct = default)
    {
        var policy = await PolicyAsync(committeeId, ct);
        var calendar = await CalendarAsync(ct);
        return new TargetDeadlines(feedback, calendar.AddWorkingDays(feedback, policy.PlanDueWorkingDays), feedback.AddMonths(policy.ReportDueMonths));
    }

    public async Task<Countdown> CountdownAsync(Guid committeeId, DateOnly due, DateOnly? doneOn, CancellationToken ct = default) =>
        Countdown.For(due, Today, (await PolicyAsync(committeeId, ct)).WarningDays, doneOn);

    /// <summary>The local day of a moment (a submission), to compare with due dates.</summary>
    public DateOnly? DayOf(DateTimeOffset? at) => at is { } a ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a, clock.LocalTimeZone).DateTime) : null;

    public async Task<DeadlinePolicy> UpdatePolicyAsync(Guid committeeId, DeadlinePolicyInput input, uint? version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageDeadlines);
        var policy = await db.DeadlinePolicies.SingleOrDefaultAsync(p => p.CommitteeId == committeeId, ct);
        if (policy is null)
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == committeeId && o.Type == Organizations.OrganizationType.Committee, ct))
                throw new NotFoundException();
            policy = DeadlinePolicy.Default(committeeId);
            db.DeadlinePolicies.Add(policy);
        }
        else if (version is { } v)
        {
            if (policy.Version != v) throw new ConcurrencyException();
            db.Entry(policy).Property(p => p.Version).OriginalValue = v;
        }
        policy.Update(input.PlanDueWorkingDays, input.ReportDueMonths, input.WarningDays, input.ImmediateFixDays, input.MaxDeadlineMonths, input.ClueReplyMonths);
        await db.SaveChangesAsync(ct);
        _policies.Remove(committeeId);
        return policy;
    }

    public async Task<IReadOnlyList<CalendarDay>> CalendarDaysAsync(int year, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(ct);
    }

    /// <summary>
    /// Sets a day as off or working, with a note (the holiday's name) and where it comes from; the office's own
    /// entries say so. A weekend day inside a holiday may be listed as off, to keep the holiday whole.
    /// </summary>
    public async Task SetDayAsync(DateOnly date, bool isWorkday, string? note, uint? version, string? source = null, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageDeadlines);
        var v = new Validator();
        var cleanNote = v.Line("note", note, CalendarDay.NoteMax, required: false);
        var cleanSource = v.Line("source", source, CalendarDay.SourceMax, required: false);
        if (date.Year is < CalendarImport.FirstYear or > CalendarImport.LastYear)
            v.Add("date", string.Format(Messages.Calendar_YearRange, CalendarImport.FirstYear, CalendarImport.LastYear));
        v.ThrowIfInvalid();
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct);
        db.MatchVersion(day, version);
        var from = cleanSource ?? string.Format(Messages.Calendar_ByHand, db.Actor.DisplayName, Today.ToString("yyyy-MM-dd"));
        if (day is null) db.CalendarDays.Add(CalendarDay.Of(date, isWorkday, cleanNote, from));
        else day.Set(isWorkday, cleanNote, from);
        db.Record(AuditAction.Update, "calendar_days", date.ToString("yyyy-MM-dd"), detail: new { isWorkday, note = cleanNote });
        await db.SaveChangesAsync(ct);
        _calendar = null;
    }

    /// <summary>Forgets the calendar read in this scope (after an import changed it).</summary>
    internal void Forget() => _calendar = null;

    /// <summary>Takes a day off the calendar: it follows the weekday rule again.</summary>
    public Task RemoveDayAsync(DateOnly date, uint? version, CancellationToken ct = default) =>
        RemoveDaysAsync(new Dictionary<DateOnly, uint?> { [date] = version }, ct);

    /// <summary>Takes days off the calendar (a holiday's run), each at the version it was read, all or none.</summary>
    public async Task RemoveDaysAsync(IReadOnlyDictionary<DateOnly, uint?> versions, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageDeadlines);
        if (versions.Count == 0) throw new NotFoundException();
        var dates = versions.Keys.ToList();
        var days = await db.CalendarDays.Where(d => dates.Contains(d.Date)).ToListAsync(ct);
        if (days.Count == 0) throw new NotFoundException();
        if (days.Count != dates.Count) throw new ConcurrencyException(); // some went meanwhile
        foreach (var day in days)
        {
            db.MatchVersion(day, versions[day.Date]);
            db.CalendarDays.Remove(day);
        }
        db.Record(AuditAction.Delete, "calendar_days", dates.Min().ToString("yyyy-MM-dd"),
            detail: new { from = dates.Min(), to = dates.Max(), days = days.Count });
        await db.SaveChangesAsync(ct);
        _calendar = null;
    }
}
