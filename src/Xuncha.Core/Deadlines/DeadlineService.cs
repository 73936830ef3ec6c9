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

    public async Task<Countdown> CountdownAsync(Guid committeeId, DateOnly due, bool done, CancellationToken ct = default) =>
        Countdown.For(due, Today, (await PolicyAsync(committeeId, ct)).WarningDays, done);

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

    /// <summary>Marks a day as holiday or working day; setting it back to what the weekday rule says removes it.</summary>
    public async Task SetDayAsync(DateOnly date, bool isWorkday, string? note, CancellationToken ct = default, uint? version = null)
    {
        db.Actor.Demand(Permission.ManageDeadlines);
        var v = new Validator();
        var clean = v.Text("note", note, CalendarDay.NoteMax, required: false);
        v.ThrowIfInvalid();
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct);
        db.MatchVersion(day, version);
        var weekdayRule = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (isWorkday == weekdayRule)
        {
            if (day is not null) db.CalendarDays.Remove(day);
        }
        else if (day is null) db.CalendarDays.Add(CalendarDay.Of(date, isWorkday, clean));
        else day.Set(isWorkday, clean);
        await db.SaveChangesAsync(ct);
        _calendar = null;
    }
}
