using Xuncha.Common;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.UnitTests;

/// <summary>Every (state, action) pair of every workflow: the legal ones move to the listed state, the rest throw.</summary>
public class TransitionTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 3, 1);

    public static TheoryData<RoundStatus, string, RoundStatus?> RoundTable()
    {
        var legal = new Dictionary<(RoundStatus, string), RoundStatus>
        {
            [(RoundStatus.Draft, "submit")] = RoundStatus.PendingApproval,
            [(RoundStatus.PendingApproval, "approve")] = RoundStatus.Approved,
            [(RoundStatus.PendingApproval, "return")] = RoundStatus.Draft,
            [(RoundStatus.Approved, "start")] = RoundStatus.InField,
            [(RoundStatus.InField, "end")] = RoundStatus.Reporting,
            [(RoundStatus.Reporting, "fedback")] = RoundStatus.FedBack,
            [(RoundStatus.FedBack, "rectify")] = RoundStatus.Rectifying,
            [(RoundStatus.Rectifying, "complete")] = RoundStatus.Completed,
        };
        var data = new TheoryData<RoundStatus, string, RoundStatus?>();
        foreach (var s in Enum.GetValues<RoundStatus>())
            foreach (var a in new[] { "submit", "approve", "return", "start", "end", "fedback", "rectify", "complete" })
                data.Add(s, a, legal.TryGetValue((s, a), out var to) ? to : null);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTable))]
    public void Round(RoundStatus from, string action, RoundStatus? to)
    {
        var round = RoundIn(from);
        Action act = action switch
        {
            "submit" => () => round.Submit(Now),
            "approve" => () => round.Approve(Guid.NewGuid(), null, Now),
            "return" => () => round.Return("请补充重点"),
            "start" => () => round.StartFieldwork(Day),
            "end" => () => round.EndFieldwork(Day.AddDays(20)),
            "fedback" => round.MarkFedBack,
            "rectify" => round.StartRectification,
            _ => () => round.Complete(Now),
        };
        if (to is null) Should.Throw<DomainException>(act).Message.ShouldStartWith($"当前状态为“{from.Label()}”");
        else
        {
            act();
            round.Status.ShouldBe(to.Value);
        }
    }

    [Fact]
    public void A_round_is_returned_only_with_a_comment_and_edited_only_as_a_draft()
    {
        var round = RoundIn(RoundStatus.PendingApproval);
        Should.Throw<ValidationException>(() => round.Return(" ")).Errors.Keys.ShouldContain("comment");
        Should.Throw<DomainException>(round.EnsureDraft).Message.ShouldContain("待审批");
        round.Return("请调整巡察对象");
        round.ReviewComment.ShouldBe("请调整巡察对象");
        round.EnsureDraft();
    }

    public static TheoryData<ProblemStatus, string, ProblemStatus?> ProblemTable()
    {
        var legal = new Dictionary<(ProblemStatus, string), ProblemStatus>
        {
            [(ProblemStatus.Draft, "submit")] = ProblemStatus.Submitted,
            [(ProblemStatus.Returned, "submit")] = ProblemStatus.Submitted,
            [(ProblemStatus.Submitted, "approve")] = ProblemStatus.Approved,
            [(ProblemStatus.Submitted, "return")] = ProblemStatus.Returned,
        };
        var data = new TheoryData<ProblemStatus, string, ProblemStatus?>();
        foreach (var s in Enum.GetValues<ProblemStatus>())
            foreach (var a in new[] { "submit", "approve", "return" })
                data.Add(s, a, legal.TryGetValue((s, a), out var to) ? to : null);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProblemTable))]
    public void Problem(ProblemStatus from, string action, ProblemStatus? to)
    {
        var p = ProblemIn(from);
        Action act = action switch
        {
            "submit" => p.Submit,
            "approve" => () => p.Approve(Guid.NewGuid(), 3, "[2025]2巡", 1, Now),
            _ => () => p.Return("依据不足"),
        };
        if (to is null) Should.Throw<DomainException>(act);
        else
        {
            act();
            p.Status.ShouldBe(to.Value);
        }
    }

    [Fact]
    public void An_approved_problem_is_numbered_and_no_longer_editable()
    {
        var p = ProblemIn(ProblemStatus.Submitted);
        p.Approve(Guid.NewGuid(), 3, "[2025]2巡", 1, Now);
        p.Number.ShouldBe("[2025]2巡-1组-03号");
        Should.Throw<DomainException>(() => p.Edit("x", "y", null, null, Guid.NewGuid(), false, null)).Message.ShouldContain("已确认");
        Should.Throw<DomainException>(p.EnsureDeletable);
    }

    public static TheoryData<PlanStatus, string, PlanStatus?> PlanTable()
    {
        var legal = new Dictionary<(PlanStatus, string), PlanStatus>
        {
            [(PlanStatus.Draft, "submit")] = PlanStatus.Submitted,
            [(PlanStatus.Returned, "submit")] = PlanStatus.Submitted,
            [(PlanStatus.Submitted, "approve")] = PlanStatus.Approved,
            [(PlanStatus.Submitted, "return")] = PlanStatus.Returned,
        };
        var data = new TheoryData<PlanStatus, string, PlanStatus?>();
        foreach (var s in Enum.GetValues<PlanStatus>())
            foreach (var a in new[] { "submit", "approve", "return" })
                data.Add(s, a, legal.TryGetValue((s, a), out var to) ? to : null);
        return data;
    }

    [Theory]
    [MemberData(nameof(PlanTable))]
    public void Plan(PlanStatus from, string action, PlanStatus? to)
    {
        var plan = PlanIn(from);
        var revision = plan.Revision;
        Action act = action switch
        {
            "submit" => () => plan.Submit(Now),
            "approve" => () => plan.Approve(Guid.NewGuid(), null, Now),
            _ => () => plan.Return(Guid.NewGuid(), "措施不具体", Now),
        };
        if (to is null) Should.Throw<DomainException>(act);
        else
        {
            act();
            plan.Status.ShouldBe(to.Value);
            plan.Revision.ShouldBe(action == "submit" ? revision + 1 : revision);
        }
    }

    public static TheoryData<TaskState, string, TaskState?> TaskTable()
    {
        var legal = new Dictionary<(TaskState, string), TaskState>
        {
            [(TaskState.Planned, "activate")] = TaskState.InProgress,
            [(TaskState.Proposed, "supplement")] = TaskState.InProgress,
            [(TaskState.InProgress, "progress")] = TaskState.InProgress,
            [(TaskState.InProgress, "request")] = TaskState.ClosureRequested,
            [(TaskState.ClosureRequested, "close")] = TaskState.Closed,
            [(TaskState.ClosureRequested, "return")] = TaskState.InProgress,
        };
        var data = new TheoryData<TaskState, string, TaskState?>();
        foreach (var s in Enum.GetValues<TaskState>())
            foreach (var a in new[] { "activate", "supplement", "progress", "request", "close", "return" })
                data.Add(s, a, legal.TryGetValue((s, a), out var to) ? to : null);
        return data;
    }

    [Theory]
    [MemberData(nameof(TaskTable))]
    public void Task(TaskState from, string action, TaskState? to)
    {
        var t = TaskIn(from, TaskKind.Deadline);
        Action act = action switch
        {
            "activate" => t.Activate,
            "supplement" => t.ApproveSupplement,
            "progress" => () => t.ReportProgress(50),
            "request" => () => t.RequestClosure("已完成", Now),
            "close" => () => t.Close(Guid.NewGuid(), Day, ClosureResult.Completed),
            _ => () => t.ReturnClosure("佐证不足"),
        };
        if (to is null) Should.Throw<DomainException>(act);
        else
        {
            act();
            t.State.ShouldBe(to.Value);
        }
    }

    [Fact]
    public void Closure_rules()
    {
        var deadline = TaskIn(TaskState.ClosureRequested, TaskKind.Deadline);
        Should.Throw<DomainException>(() => deadline.Close(Guid.NewGuid(), Day, ClosureResult.Ongoing)).Message.ShouldContain("长期坚持");
        var longTerm = TaskIn(TaskState.ClosureRequested, TaskKind.LongTerm);
        longTerm.Close(Guid.NewGuid(), Day, ClosureResult.Ongoing);
        longTerm.Percent.ShouldBe(100);
        var inProgress = TaskIn(TaskState.InProgress, TaskKind.Deadline);
        Should.Throw<ValidationException>(() => inProgress.RequestClosure(" ", Now));
        Should.Throw<ValidationException>(() => inProgress.ReportProgress(101));
        Should.Throw<DomainException>(() => TaskIn(TaskState.InProgress, TaskKind.Deadline).Edit("g", "m", "l", Guid.NewGuid(), [], TaskKind.Deadline, Day, []))
            .Message.ShouldContain("整改中");
    }

    [Theory]
    [InlineData(ReportStatus.Draft, "submit", ReportStatus.Submitted)]
    [InlineData(ReportStatus.Returned, "submit", ReportStatus.Submitted)]
    [InlineData(ReportStatus.Submitted, "approve", ReportStatus.Approved)]
    [InlineData(ReportStatus.Submitted, "return", ReportStatus.Returned)]
    [InlineData(ReportStatus.Draft, "approve", null)]
    [InlineData(ReportStatus.Approved, "submit", null)]
    [InlineData(ReportStatus.Approved, "return", null)]
    [InlineData(ReportStatus.Returned, "approve", null)]
    [InlineData(ReportStatus.Submitted, "submit", null)]
    public void Group_report(ReportStatus from, string action, ReportStatus? to)
    {
        var r = GroupReport.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        r.Edit("总体评价", null);
        if (from != ReportStatus.Draft) r.Submit(Now);
        if (from == ReportStatus.Approved) r.Approve(Guid.NewGuid(), null, Now);
        if (from == ReportStatus.Returned) r.Return("再改");
        Action act = action switch { "submit" => () => r.Submit(Now), "approve" => () => r.Approve(Guid.NewGuid(), null, Now), _ => () => r.Return("不行") };
        if (to is null) Should.Throw<DomainException>(act);
        else
        {
            act();
            r.Status.ShouldBe(to.Value);
        }
    }

    [Theory]
    [InlineData(RectificationReportStatus.Draft, "submit", RectificationReportStatus.Submitted)]
    [InlineData(RectificationReportStatus.Returned, "submit", RectificationReportStatus.Submitted)]
    [InlineData(RectificationReportStatus.Submitted, "evaluate", RectificationReportStatus.Evaluated)]
    [InlineData(RectificationReportStatus.Submitted, "return", RectificationReportStatus.Returned)]
    [InlineData(RectificationReportStatus.Draft, "evaluate", null)]
    [InlineData(RectificationReportStatus.Evaluated, "submit", null)]
    [InlineData(RectificationReportStatus.Evaluated, "evaluate", null)]
    [InlineData(RectificationReportStatus.Evaluated, "return", null)]
    [InlineData(RectificationReportStatus.Returned, "evaluate", null)]
    public void Rectification_report(RectificationReportStatus from, string action, RectificationReportStatus? to)
    {
        var r = RectificationReport.Start(Guid.NewGuid(), Guid.NewGuid());
        r.Edit("整改情况");
        if (from != RectificationReportStatus.Draft) r.Submit(Now);
        if (from == RectificationReportStatus.Evaluated) r.Evaluate(Guid.NewGuid(), Grade.Good, null, Now);
        if (from == RectificationReportStatus.Returned) r.Return("补充");
        Action act = action switch
        {
            "submit" => () => r.Submit(Now),
            "evaluate" => () => r.Evaluate(Guid.NewGuid(), Grade.Average, "一般", Now),
            _ => () => r.Return("补充"),
        };
        if (to is null) Should.Throw<DomainException>(act);
        else
        {
            act();
            r.Status.ShouldBe(to.Value);
        }
    }

    [Fact]
    public void Empty_reports_cannot_be_submitted()
    {
        Should.Throw<ValidationException>(() => GroupReport.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()).Submit(Now));
        Should.Throw<ValidationException>(() => RectificationReport.Start(Guid.NewGuid(), Guid.NewGuid()).Submit(Now));
    }

    private static Round RoundIn(RoundStatus status)
    {
        var r = Rounds.Round.Plan(Guid.NewGuid(), Guid.NewGuid(), null, 2026, 1, "第一轮", RoundType.Regular, null, null, Day, Day.AddDays(30), Guid.NewGuid(), Now);
        var steps = new Action[] { () => r.Submit(Now), () => r.Approve(Guid.NewGuid(), null, Now), () => r.StartFieldwork(Day),
            () => r.EndFieldwork(Day.AddDays(20)), r.MarkFedBack, r.StartRectification, () => r.Complete(Now) };
        foreach (var step in steps.Take((int)status)) step();
        r.Status.ShouldBe(status);
        return r;
    }

    private static Problem ProblemIn(ProblemStatus status)
    {
        var p = Problems.Problem.Draft(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now);
        p.Edit("问题", "表现", null, null, Guid.NewGuid(), false, null);
        if (status != ProblemStatus.Draft) p.Submit();
        if (status == ProblemStatus.Approved) p.Approve(Guid.NewGuid(), 1, "[2026]1巡", 1, Now);
        if (status == ProblemStatus.Returned) p.Return("补充");
        return p;
    }

    private static RectificationPlan PlanIn(PlanStatus status)
    {
        var p = RectificationPlan.Start(Guid.NewGuid(), Guid.NewGuid());
        if (status != PlanStatus.Draft) p.Submit(Now);
        if (status == PlanStatus.Approved) p.Approve(Guid.NewGuid(), null, Now);
        if (status == PlanStatus.Returned) p.Return(Guid.NewGuid(), "补充", Now);
        return p;
    }

    private static RectificationTask TaskIn(TaskState state, TaskKind kind)
    {
        var t = state == TaskState.Proposed
            ? RectificationTask.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Now)
            : RectificationTask.Plan(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Now);
        t.Edit("目标", "措施", "书记", Guid.NewGuid(), [], kind, Day.AddDays(30), kind == TaskKind.LongTerm ? [(Day.AddDays(60), "阶段")] : []);
        if (state is TaskState.InProgress or TaskState.ClosureRequested or TaskState.Closed) t.Activate();
        if (state is TaskState.ClosureRequested or TaskState.Closed) t.RequestClosure("已完成", Now);
        if (state == TaskState.Closed) t.Close(Guid.NewGuid(), Day, ClosureResult.Completed);
        t.State.ShouldBe(state);
        return t;
    }
}
