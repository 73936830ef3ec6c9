using Xuncha.Common;

namespace Xuncha.Problems;

public enum ProblemStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
}

/// <summary>
/// A problem found in fieldwork, written in three parts (问题表现, 定性依据, 责任指向). A group member drafts it
/// (底稿), submits it, and the group leader approves it — which gives it its number — or returns it with a
/// reason. Once the target has had feedback, the unit sees the approved problems.
/// </summary>
public sealed class Problem : Common.IVersioned
{
    public const int TitleMax = 200, TextMax = 8000, NoteMax = 2000;

    private Problem() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid TargetId { get; private set; }
    public Guid CategoryId { get; private set; }
    public int? Sequence { get; private set; }
    public string? Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Manifestation { get; private set; } = "";
    public string? Basis { get; private set; }
    public string? Responsibility { get; private set; }
    public bool IsImmediateFix { get; private set; }
    public string? ImmediateFixNote { get; private set; }
    public ProblemStatus Status { get; private set; }
    public string? ReturnReason { get; private set; }
    public Guid AuthorId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public uint Version { get; private set; }

    public bool IsEditable => Status is ProblemStatus.Draft or ProblemStatus.Returned;

    public static Problem Draft(Guid id, Guid roundId, Guid groupId, Guid targetId, Guid authorId, DateTimeOffset now) =>
        new() { Id = id, RoundId = roundId, GroupId = groupId, TargetId = targetId, AuthorId = authorId, CreatedAt = now, Status = ProblemStatus.Draft };

    public void Edit(string title, string manifestation, string? basis, string? responsibility, Guid categoryId, bool immediateFix, string? immediateFixNote)
    {
        if (!IsEditable) throw new DomainException(string.Format(Messages.Problem_NotEditable, Status.Label()));
        Title = title;
        Manifestation = manifestation;
        Basis = basis;
        Responsibility = responsibility;
        CategoryId = categoryId;
        IsImmediateFix = immediateFix;
        ImmediateFixNote = immediateFix ? immediateFixNote : null;
    }

    public void Submit() =>
        Status = Transitions.Move(Status, ProblemStatus.Submitted, Messages.Action_Submit, ProblemStatus.Draft, ProblemStatus.Returned);

    public void Approve(Guid by, int sequence, string numberPrefix, int groupNumber, DateTimeOffset now)
    {
        Status = Transitions.Move(Status, ProblemStatus.Approved, Messages.Action_Approve, ProblemStatus.Submitted);
        Sequence = sequence;
        Number = FormatNumber(numberPrefix, groupNumber, sequence);
        ApprovedBy = by;
        ApprovedAt = now;
        ReturnReason = null;
    }

    public void Return(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ValidationException("reason", Messages.Review_CommentRequired);
        Status = Transitions.Move(Status, ProblemStatus.Returned, Messages.Action_Return, ProblemStatus.Submitted);
        ReturnReason = reason;
    }

    /// <summary>A draft may be withdrawn (deleted) by its author before it is approved.</summary>
    public void EnsureDeletable()
    {
        if (!IsEditable) throw new DomainException(string.Format(Messages.Problem_NotEditable, Status.Label()));
    }

    public static string FormatNumber(string roundPrefix, int groupNumber, int sequence) => $"{roundPrefix}-{groupNumber}组-{sequence:00}号";
}
