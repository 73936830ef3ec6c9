using Xuncha.Common;

namespace Xuncha.Rectification;

public enum PlanStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
}

/// <summary>
/// The unit's rectification plan (整改方案) for one target: its tasks, submitted to the office, approved or
/// returned with comments. Every submission is kept as a revision that can be compared with the others.
/// </summary>
public sealed class RectificationPlan : Common.IVersioned
{
    public const int CommentMax = 4000;

    private RectificationPlan() { }

    public Guid Id { get; private set; }
    public Guid TargetId { get; private set; }
    public PlanStatus Status { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    public uint Version { get; private set; }

    public bool IsEditable => Status is PlanStatus.Draft or PlanStatus.Returned;

    public static RectificationPlan Start(Guid id, Guid targetId) => new() { Id = id, TargetId = targetId, Status = PlanStatus.Draft };

    public void EnsureEditable()
    {
        if (!IsEditable) throw new DomainException(string.Format(Messages.Plan_NotEditable, Status.Label()));
    }

    public void Submit(DateTimeOffset now)
    {
        Status = Transitions.Move(Status, PlanStatus.Submitted, Messages.Action_Submit, PlanStatus.Draft, PlanStatus.Returned);
        Revision++;
        SubmittedAt = now;
    }

    public void Approve(Guid by, string? comment, DateTimeOffset now)
    {
        Status = Transitions.Move(Status, PlanStatus.Approved, Messages.Action_Approve, PlanStatus.Submitted);
        ReviewedBy = by;
        ReviewedAt = now;
        ReviewComment = comment;
    }

    public void Return(Guid by, string comment, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw new ValidationException("comment", Messages.Review_CommentRequired);
        Status = Transitions.Move(Status, PlanStatus.Returned, Messages.Action_Return, PlanStatus.Submitted);
        ReviewedBy = by;
        ReviewedAt = now;
        ReviewComment = comment;
    }
}

/// <summary>A submitted version of a plan: the tasks as they were, and how the review answered.</summary>
public sealed class PlanRevision
{
    private PlanRevision() { }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public Guid SubmittedBy { get; private set; }
    public string Snapshot { get; private set; } = "[]";
    public PlanStatus? Outcome { get; private set; }
    public string? ReviewComment { get; private set; }
    public string? TaskComments { get; private set; }

    public static PlanRevision Of(Guid id, Guid planId, int number, DateTimeOffset at, Guid by, string snapshot) =>
        new() { Id = id, PlanId = planId, Number = number, SubmittedAt = at, SubmittedBy = by, Snapshot = snapshot };

    public void Record(PlanStatus outcome, string? comment, string? taskComments)
    {
        Outcome = outcome;
        ReviewComment = comment;
        TaskComments = taskComments;
    }
}
