using Xuncha.Common;

namespace Xuncha.Rectification;

public enum TaskKind
{
    Immediate,
    Deadline,
    LongTerm,
}

/// <summary>A task's place in its life: in a plan, proposed as a supplement, under way, waiting for closure, closed.</summary>
public enum TaskState
{
    Planned,
    Proposed,
    InProgress,
    ClosureRequested,
    Closed,
}

/// <summary>How a task was closed: done, or — for long-term tasks — basically done and kept up (基本完成持续整改).</summary>
public enum ClosureResult
{
    Completed,
    Ongoing,
}

/// <summary>
/// One rectification task (整改任务) for a problem: goal, measures, responsible leader, lead and co-units,
/// deadline and kind. The unit reports progress and applies for closure with evidence; the office closes it
/// (销号) or returns it with a reason.
/// </summary>
public sealed class RectificationTask : Common.IVersioned
{
    public const int GoalMax = 2000, MeasuresMax = 8000, LeaderMax = 50, StatementMax = 4000, ReasonMax = 2000;

    private readonly List<TaskCoOrganization> _coOrganizations = [];
    private readonly List<TaskMilestone> _milestones = [];

    private RectificationTask() { }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid ProblemId { get; private set; }
    public int Sequence { get; private set; }
    public string Goal { get; private set; } = "";
    public string Measures { get; private set; } = "";
    public string ResponsibleLeader { get; private set; } = "";
    public Guid LeadOrganizationId { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public TaskKind Kind { get; private set; }
    public bool IsSupplementary { get; private set; }
    public TaskState State { get; private set; }
    public int Percent { get; private set; }
    public string? ReviewComment { get; private set; }
    public string? ClosureStatement { get; private set; }
    public DateTimeOffset? ClosureRequestedAt { get; private set; }
    public string? ClosureReturnReason { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public Guid? ClosedBy { get; private set; }
    public ClosureResult? ClosureResult { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<TaskCoOrganization> CoOrganizations => _coOrganizations;
    public IReadOnlyList<TaskMilestone> Milestones => _milestones;

    public bool IsOpen => State is TaskState.InProgress or TaskState.ClosureRequested;

    public static RectificationTask Plan(Guid id, Guid planId, Guid problemId, int sequence, DateTimeOffset now) =>
        new() { Id = id, PlanId = planId, ProblemId = problemId, Sequence = sequence, State = TaskState.Planned, CreatedAt = now };

    /// <summary>A supplementary task (补充整改) added to an approved plan; the office approves it before it counts.</summary>
    public static RectificationTask Propose(Guid id, Guid planId, Guid problemId, int sequence, DateTimeOffset now) =>
        new() { Id = id, PlanId = planId, ProblemId = problemId, Sequence = sequence, State = TaskState.Proposed, IsSupplementary = true, CreatedAt = now };

    public void Edit(string goal, string measures, string leader, Guid leadOrganizationId, IEnumerable<Guid> coOrganizations,
        TaskKind kind, DateOnly? deadline, IEnumerable<(DateOnly DueOn, string Description)> milestones)
    {
        if (State is not (TaskState.Planned or TaskState.Proposed))
            throw new DomainException(string.Format(Messages.Task_NotEditable, State.Label()));
        Goal = goal;
        Measures = measures;
        ResponsibleLeader = leader;
        LeadOrganizationId = leadOrganizationId;
        Kind = kind;
        Deadline = deadline;
        _coOrganizations.Clear();
        _coOrganizations.AddRange(coOrganizations.Where(o => o != leadOrganizationId).Distinct().Select(o => new TaskCoOrganization(Id, o)));
        _milestones.Clear();
        _milestones.AddRange(milestones.OrderBy(m => m.DueOn).Select(m => new TaskMilestone(Guid.CreateVersion7(), Id, m.DueOn, m.Description)));
    }

    public void Comment(string? comment) => ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    /// <summary>The plan was approved: the task is under way.</summary>
    public void Activate() =>
        State = Transitions.Move(State, TaskState.InProgress, Messages.Action_Approve, TaskState.Planned);

    public void ApproveSupplement() =>
        State = Transitions.Move(State, TaskState.InProgress, Messages.Action_Approve, TaskState.Proposed);

    public void ReportProgress(int percent)
    {
        Transitions.Move(State, State, Messages.Action_ReportProgress, TaskState.InProgress);
        if (percent is < 0 or > 100) throw new ValidationException("percent", string.Format(Messages.Error_Range, 0, 100));
        Percent = percent;
    }

    public void RequestClosure(string statement, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(statement)) throw new ValidationException("statement", Messages.Error_Required);
        State = Transitions.Move(State, TaskState.ClosureRequested, Messages.Action_RequestClosure, TaskState.InProgress);
        ClosureStatement = statement;
        ClosureRequestedAt = now;
        ClosureReturnReason = null;
    }

    public void Close(Guid by, DateOnly on, ClosureResult result)
    {
        if (result == Rectification.ClosureResult.Ongoing && Kind != TaskKind.LongTerm)
            throw new DomainException(Messages.Task_OngoingOnlyLongTerm);
        State = Transitions.Move(State, TaskState.Closed, Messages.Action_Close, TaskState.ClosureRequested);
        ClosedBy = by;
        ClosedOn = on;
        ClosureResult = result;
        Percent = 100;
    }

    public void ReturnClosure(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ValidationException("reason", Messages.Review_CommentRequired);
        State = Transitions.Move(State, TaskState.InProgress, Messages.Action_ReturnClosure, TaskState.ClosureRequested);
        ClosureReturnReason = reason;
    }
}

public sealed class TaskCoOrganization(Guid taskId, Guid organizationId)
{
    public Guid TaskId { get; private set; } = taskId;
    public Guid OrganizationId { get; private set; } = organizationId;
}

/// <summary>A dated stage goal of a long-term task (长期坚持).</summary>
public sealed class TaskMilestone(Guid id, Guid taskId, DateOnly dueOn, string description)
{
    public const int DescriptionMax = 500;

    public Guid Id { get; private set; } = id;
    public Guid TaskId { get; private set; } = taskId;
    public DateOnly DueOn { get; private set; } = dueOn;
    public string Description { get; private set; } = description;
}

/// <summary>A progress report on a task: what was done, how far along (0–100 %), with evidence files.</summary>
public sealed class ProgressReport
{
    public const int TextMax = 4000;

    private ProgressReport() { }

    public Guid Id { get; private set; }
    public Guid TaskId { get; private set; }
    public string Text { get; private set; } = "";
    public int Percent { get; private set; }
    public bool IsClosureRequest { get; private set; }
    public Guid ReportedBy { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }

    public static ProgressReport Of(Guid id, Guid taskId, string text, int percent, bool closure, Guid by, DateTimeOffset at) =>
        new() { Id = id, TaskId = taskId, Text = text, Percent = percent, IsClosureRequest = closure, ReportedBy = by, ReportedAt = at };
}
