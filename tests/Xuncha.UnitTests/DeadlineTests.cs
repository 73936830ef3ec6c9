using Xuncha.Deadlines;
using Xuncha.Rectification;

namespace Xuncha.UnitTests;

public class DeadlineTests
{
    [Fact]
    public void Working_days_skip_weekends()
    {
        // Monday 2 March 2026 + 15 working days = Monday 23 March
        WorkCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 3, 2), 15).ShouldBe(new DateOnly(2026, 3, 23));
        // from a Friday, one working day is the Monday
        WorkCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 3, 6), 1).ShouldBe(new DateOnly(2026, 3, 9));
        WorkCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 3, 6), 0).ShouldBe(new DateOnly(2026, 3, 6));
    }

    [Fact]
    public void Holidays_are_skipped_and_working_weekends_count()
    {
        // 2025 National Day: 1–8 October off, Saturday 11 October worked (调休)
        var calendar = new WorkCalendar(Enumerable.Range(1, 8).ToDictionary(d => new DateOnly(2025, 10, d), _ => false)
            .Append(new KeyValuePair<DateOnly, bool>(new DateOnly(2025, 10, 11), true)).ToDictionary());
        // feedback on Tuesday 30 September: 1 working day later is Thursday 9 October
        calendar.AddWorkingDays(new DateOnly(2025, 9, 30), 1).ShouldBe(new DateOnly(2025, 10, 9));
        // 3 working days: 9, 10, 11 (the working Saturday)
        calendar.AddWorkingDays(new DateOnly(2025, 9, 30), 3).ShouldBe(new DateOnly(2025, 10, 11));
        calendar.IsWorkingDay(new DateOnly(2025, 10, 11)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2025, 10, 6)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(10, DueLevel.Normal, "还剩 10 天")]
    [InlineData(7, DueLevel.Warning, "还剩 7 天")]
    [InlineData(1, DueLevel.Warning, "还剩 1 天")]
    [InlineData(0, DueLevel.Warning, "今天到期")]
    [InlineData(-3, DueLevel.Overdue, "逾期 3 天")]
    public void Countdown_is_green_yellow_then_red(int daysLeft, DueLevel level, string text)
    {
        var today = new DateOnly(2026, 5, 1);
        var c = Countdown.For(today.AddDays(daysLeft), today, 7, doneOn: null);
        c.Level.ShouldBe(level);
        c.Text.ShouldBe(text);
    }

    [Fact]
    public void Once_done_the_countdown_says_when_and_how_late()
    {
        var due = new DateOnly(2026, 9, 16);
        var onTime = Countdown.For(due, new DateOnly(2026, 11, 1), 7, doneOn: new DateOnly(2026, 9, 15));
        onTime.Level.ShouldBe(DueLevel.Done);
        onTime.Text.ShouldBe("已于 2026-09-15 按期完成");
        var late = Countdown.For(due, new DateOnly(2026, 11, 1), 7, doneOn: new DateOnly(2026, 10, 21));
        late.Level.ShouldBe(DueLevel.DoneLate);
        late.Text.ShouldBe("逾期 35 天完成（2026-10-21）");
        late.IsDone.ShouldBeTrue();
    }

    [Fact]
    public void A_long_term_task_is_due_at_its_next_milestone()
    {
        var today = new DateOnly(2026, 5, 1);
        DateOnly[] milestones = [new(2026, 4, 1), new(2026, 6, 1), new(2026, 12, 1)];
        Countdown.DueOf(null, milestones, today).ShouldBe(new DateOnly(2026, 6, 1));
        Countdown.DueOf(null, milestones, new DateOnly(2027, 1, 1)).ShouldBe(new DateOnly(2026, 12, 1));
        Countdown.DueOf(new DateOnly(2026, 7, 1), milestones, today).ShouldBe(new DateOnly(2026, 7, 1));
    }

    [Fact]
    public void Task_dates_must_fit_the_policy()
    {
        var policy = DeadlinePolicy.Default(Guid.NewGuid()); // 立行立改 30 days, others 12 months
        var feedback = new DateOnly(2026, 3, 2);
        var today = new DateOnly(2026, 3, 5);
        IEnumerable<string> Check(TaskKind kind, DateOnly? deadline, params DateOnly[] milestones)
        {
            var t = RectificationTask.Plan(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UtcNow);
            t.Edit("目标", "措施", "书记", Guid.NewGuid(), [], kind, deadline, milestones.Select(m => (m, "阶段")));
            return TaskRules.DeadlineProblems(t, feedback, today, policy).ToList();
        }
        Check(TaskKind.Immediate, new(2026, 3, 30)).ShouldBeEmpty();
        Check(TaskKind.Immediate, new(2026, 4, 10)).ShouldHaveSingleItem().ShouldContain("30 天内");
        Check(TaskKind.Deadline, new(2026, 3, 4)).ShouldHaveSingleItem().ShouldBe("时限不能早于今天。");
        Check(TaskKind.Deadline, new(2026, 3, 1)).ShouldContain("时限不能早于反馈日期 2026-03-02。");
        Check(TaskKind.Deadline, new(2027, 3, 3)).ShouldHaveSingleItem().ShouldContain("12 个月");
        Check(TaskKind.LongTerm, null, new DateOnly(2026, 9, 1), new DateOnly(2027, 9, 1)).ShouldBeEmpty();
        Check(TaskKind.LongTerm, null, new DateOnly(2027, 6, 1)).ShouldHaveSingleItem().ShouldContain("第一个阶段目标");
        Check(TaskKind.LongTerm, new DateOnly(2026, 10, 1), new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 1))
            .ShouldHaveSingleItem().ShouldBe("完成时限不能早于最后一个阶段目标。");
    }

    [Theory]
    [InlineData(0, 2, 7, 30, 12, "planDueWorkingDays")]
    [InlineData(15, 13, 7, 30, 12, "reportDueMonths")]
    [InlineData(15, 2, 0, 30, 12, "warningDays")]
    [InlineData(15, 2, 7, 91, 12, "immediateFixDays")]
    [InlineData(15, 2, 7, 30, 61, "maxDeadlineMonths")]
    public void Policy_values_have_bounds(int plan, int report, int warning, int immediate, int max, string field) =>
        Should.Throw<Xuncha.Common.ValidationException>(() => DeadlinePolicy.Default(Guid.NewGuid()).Update(plan, report, warning, immediate, max))
            .Errors.Keys.ShouldContain(field);
}

/// <summary>The dates of a holiday table, written the ways offices write them.</summary>
public class CalendarDateTests
{
    [Theory]
    [InlineData("2026-02-15", "2026-02-15", "2026-02-15")]
    [InlineData("2026/2/15", "2026-02-15", "2026-02-15")]
    [InlineData("2026.2.15", "2026-02-15", "2026-02-15")]
    [InlineData("2026年2月15日", "2026-02-15", "2026-02-15")]
    [InlineData("2026-02-15 至 2026-02-23", "2026-02-15", "2026-02-23")]
    [InlineData("2026-02-15至2026-02-23", "2026-02-15", "2026-02-23")]
    [InlineData("2026-02-15~2026-02-23", "2026-02-15", "2026-02-23")]
    [InlineData("2026-02-15 - 2026-02-23", "2026-02-15", "2026-02-23")]
    [InlineData("2026年2月15日至23日", "2026-02-15", "2026-02-23")]
    [InlineData("2025年9月28日至10月8日", "2025-09-28", "2025-10-08")]
    public void A_day_or_a_run_of_days_is_read(string text, string from, string to) =>
        Xuncha.Deadlines.CalendarImport.ParseRun(text).ShouldBe((DateOnly.Parse(from), DateOnly.Parse(to)));

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("二月十五")]
    [InlineData("2026-02")]
    [InlineData("2026-02-15 至 2026-02-16 至 2026-02-17")]
    [InlineData("2026-02-15 至 明天")]
    public void Anything_else_is_not_a_date(string text) => Xuncha.Deadlines.CalendarImport.ParseRun(text).ShouldBeNull();
}
