using Xuncha.Common;

namespace Xuncha.Deadlines;

/// <summary>
/// Each committee's deadlines, kept by the office: the plan is due a number of working days after feedback,
/// the rectification report some months after; warnings start some days before a task's deadline.
/// Task deadlines must fall inside the policy when a plan is submitted.
/// </summary>
public sealed class DeadlinePolicy : Common.IVersioned
{
    private DeadlinePolicy() { }

    public Guid CommitteeId { get; private set; }
    public int PlanDueWorkingDays { get; private set; } = 15;
    public int ReportDueMonths { get; private set; } = 2;
    public int WarningDays { get; private set; } = 7;
    public int ImmediateFixDays { get; private set; } = 30;
    public int MaxDeadlineMonths { get; private set; } = 12;

    /// <summary>Months from a transferred clue's receipt to the receiver's reply on its disposition.</summary>
    public int ClueReplyMonths { get; private set; } = 3;

    public uint Version { get; private set; }

    public static DeadlinePolicy Default(Guid committeeId) => new() { CommitteeId = committeeId };

    public void Update(int planDueWorkingDays, int reportDueMonths, int warningDays, int immediateFixDays, int maxDeadlineMonths, int? clueReplyMonths = null)
    {
        var v = new Validator();
        if (clueReplyMonths is < 1 or > 12) v.Add("clueReplyMonths", string.Format(Messages.Error_Range, 1, 12));
        if (planDueWorkingDays is < 1 or > 60) v.Add("planDueWorkingDays", string.Format(Messages.Error_Range, 1, 60));
        if (reportDueMonths is < 1 or > 12) v.Add("reportDueMonths", string.Format(Messages.Error_Range, 1, 12));
        if (warningDays is < 1 or > 30) v.Add("warningDays", string.Format(Messages.Error_Range, 1, 30));
        if (immediateFixDays is < 1 or > 90) v.Add("immediateFixDays", string.Format(Messages.Error_Range, 1, 90));
        if (maxDeadlineMonths is < 1 or > 60) v.Add("maxDeadlineMonths", string.Format(Messages.Error_Range, 1, 60));
        v.ThrowIfInvalid();
        PlanDueWorkingDays = planDueWorkingDays;
        ReportDueMonths = reportDueMonths;
        WarningDays = warningDays;
        ImmediateFixDays = immediateFixDays;
        MaxDeadlineMonths = maxDeadlineMonths;
        if (clueReplyMonths is { } m) ClueReplyMonths = m;
    }
}

/// <summary>
/// A day of the holiday calendar: a day off (放假) or a working day (上班, 调休) as the State Council's notice of the
/// year says, weekends inside a holiday included so the holiday reads whole; a day not listed follows the weekday
/// rule. Each day says where it comes from (the notice, a file the office imported, an entry by hand).
/// </summary>
public sealed class CalendarDay : IVersioned
{
    public const int NoteMax = 50;
    public const int SourceMax = 200;

    private CalendarDay() { }

    public DateOnly Date { get; private set; }
    public bool IsWorkday { get; private set; }
    public string? Note { get; private set; }
    public string? Source { get; private set; }
    public uint Version { get; private set; }

    public static CalendarDay Of(DateOnly date, bool isWorkday, string? note, string? source) =>
        new() { Date = date, IsWorkday = isWorkday, Note = note, Source = source };

    /// <summary>Whether the day is what a week without holidays would make it (Monday–Friday working).</summary>
    public static bool ByWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public void Set(bool isWorkday, string? note, string? source)
    {
        IsWorkday = isWorkday;
        Note = note;
        Source = source;
    }
}
