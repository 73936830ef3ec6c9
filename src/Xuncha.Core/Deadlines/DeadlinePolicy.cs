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

/// <summary>A day that does not follow the weekday rule: a holiday on a weekday, or a working weekend day (调休).</summary>
public sealed class CalendarDay : IVersioned
{
    public const int NoteMax = 50;

    private CalendarDay() { }

    public DateOnly Date { get; private set; }
    public bool IsWorkday { get; private set; }
    public string? Note { get; private set; }
    public uint Version { get; private set; }

    public static CalendarDay Of(DateOnly date, bool isWorkday, string? note) => new() { Date = date, IsWorkday = isWorkday, Note = note };

    public void Set(bool isWorkday, string? note)
    {
        IsWorkday = isWorkday;
        Note = note;
    }
}
