namespace Xuncha.Deadlines;

/// <summary>Working days: Monday to Friday, except holidays; plus weekend days declared working (调休).</summary>
public sealed class WorkCalendar(IReadOnlyDictionary<DateOnly, bool> exceptions)
{
    public static readonly WorkCalendar WeekdaysOnly = new(new Dictionary<DateOnly, bool>());

    public bool IsWorkingDay(DateOnly day) =>
        exceptions.TryGetValue(day, out var working) ? working : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The day that is <paramref name="count"/> working days after <paramref name="start"/> (the start day not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start;
        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) added++;
        }
        return day;
    }
}

public enum DueLevel
{
    Normal,
    Warning,
    Overdue,
    Done,

    /// <summary>Done, but after the due date.</summary>
    DoneLate,
}

/// <summary>
/// How a due date stands today: days left, and green / yellow (within the warning days) / red (overdue); once done,
/// when — on time, or late and by how many days.
/// </summary>
public sealed record Countdown(DateOnly Due, int DaysLeft, DueLevel Level, DateOnly? DoneOn = null)
{
    /// <summary>What a task is due by: its deadline, else (long-term) its next milestone still ahead, else its last one.</summary>
    public static DateOnly DueOf(DateOnly? deadline, IEnumerable<DateOnly> milestones, DateOnly today)
    {
        if (deadline is { } d) return d;
        var ordered = milestones.Order().ToList();
        return ordered.FirstOrDefault(m => m >= today, ordered.Count > 0 ? ordered[^1] : today);
    }

    /// <param name="doneOn">The day it was done (a task closed, a plan or report submitted); null while it is not.</param>
    public static Countdown For(DateOnly due, DateOnly today, int warningDays, DateOnly? doneOn)
    {
        if (doneOn is { } done) return new Countdown(due, due.DayNumber - done.DayNumber, done > due ? DueLevel.DoneLate : DueLevel.Done, done);
        var left = due.DayNumber - today.DayNumber;
        var level = left < 0 ? DueLevel.Overdue : left <= warningDays ? DueLevel.Warning : DueLevel.Normal;
        return new Countdown(due, left, level);
    }

    public bool IsDone => Level is DueLevel.Done or DueLevel.DoneLate;

    public string Text => Level switch
    {
        DueLevel.Done => string.Format(Messages.Due_Done, DoneOn!.Value.ToString("yyyy-MM-dd")),
        DueLevel.DoneLate => string.Format(Messages.Due_DoneLate, -DaysLeft, DoneOn!.Value.ToString("yyyy-MM-dd")),
        DueLevel.Overdue => string.Format(Messages.Due_Overdue, -DaysLeft),
        _ when DaysLeft == 0 => Messages.Due_Today,
        _ => string.Format(Messages.Due_DaysLeft, DaysLeft),
    };
}
