using Xuncha.Common;

namespace Xuncha.Rounds;

/// <summary>
/// A round of inspection (巡察轮次): planned by the office, approved by the leading group, then fieldwork,
/// reports, feedback, rectification, done. The status changes only through the methods below.
/// </summary>
public sealed class Round : Common.IVersioned
{
    public const int NameMax = 100, ThemeMax = 200, TextMax = 4000;

    private Round() { }

    public Guid Id { get; private set; }
    public Guid CommitteeId { get; private set; }
    public Guid? TermId { get; private set; }
    public int Year { get; private set; }
    public int Ordinal { get; private set; }
    public string Name { get; private set; } = "";
    public RoundType Type { get; private set; }
    public string? Theme { get; private set; }
    public string? FocusPoints { get; private set; }
    public DateOnly PlannedStart { get; private set; }
    public DateOnly PlannedEnd { get; private set; }
    public Guid TaxonomyId { get; private set; }
    public RoundStatus Status { get; private set; }
    public string? ReviewComment { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public DateOnly? FieldworkStartedOn { get; private set; }
    public DateOnly? FieldworkEndedOn { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Problem numbers read "[2025]2巡-1组-03号": the year, then the round's ordinal.</summary>
    public string NumberPrefix => $"[{Year}]{Ordinal}巡";

    public static Round Plan(Guid id, Guid committeeId, Guid? termId, int year, int ordinal, string name, RoundType type,
        string? theme, string? focusPoints, DateOnly start, DateOnly end, Guid taxonomyId, DateTimeOffset now)
    {
        var round = new Round { Id = id, CommitteeId = committeeId, Status = RoundStatus.Draft, CreatedAt = now };
        round.Edit(termId, year, ordinal, name, type, theme, focusPoints, start, end, taxonomyId);
        return round;
    }

    public void Edit(Guid? termId, int year, int ordinal, string name, RoundType type, string? theme, string? focusPoints,
        DateOnly start, DateOnly end, Guid taxonomyId)
    {
        EnsureDraft();
        TermId = termId;
        Year = year;
        Ordinal = ordinal;
        Name = name;
        Type = type;
        Theme = theme;
        FocusPoints = focusPoints;
        PlannedStart = start;
        PlannedEnd = end;
        TaxonomyId = taxonomyId;
    }

    /// <summary>Targets and groups change only while the plan is a draft.</summary>
    public void EnsureDraft()
    {
        if (Status != RoundStatus.Draft) throw new DomainException(string.Format(Messages.Round_NotDraft, Status.Label()));
    }

    public void Submit(DateTimeOffset now)
    {
        Status = Transitions.Move(Status, RoundStatus.PendingApproval, Messages.Action_SubmitForApproval, RoundStatus.Draft);
        SubmittedAt = now;
        ReviewComment = null;
    }

    public void Approve(Guid by, string? comment, DateTimeOffset now)
    {
        Status = Transitions.Move(Status, RoundStatus.Approved, Messages.Action_Approve, RoundStatus.PendingApproval);
        ApprovedBy = by;
        ApprovedAt = now;
        ReviewComment = comment;
    }

    public void Return(string comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw new ValidationException("comment", Messages.Review_CommentRequired);
        Status = Transitions.Move(Status, RoundStatus.Draft, Messages.Action_Return, RoundStatus.PendingApproval);
        ReviewComment = comment;
    }

    public void StartFieldwork(DateOnly on)
    {
        Status = Transitions.Move(Status, RoundStatus.InField, Messages.Action_StartFieldwork, RoundStatus.Approved);
        FieldworkStartedOn = on;
    }

    public void EndFieldwork(DateOnly on)
    {
        if (FieldworkStartedOn is { } started && on < started) throw new ValidationException("date", Messages.Round_EndBeforeStart);
        Status = Transitions.Move(Status, RoundStatus.Reporting, Messages.Action_EndFieldwork, RoundStatus.InField);
        FieldworkEndedOn = on;
    }

    /// <summary>Every target has had its feedback.</summary>
    public void MarkFedBack() =>
        Status = Transitions.Move(Status, RoundStatus.FedBack, Messages.Action_Feedback, RoundStatus.Reporting);

    /// <summary>Every target's rectification plan is approved: the round is in rectification.</summary>
    public void StartRectification() =>
        Status = Transitions.Move(Status, RoundStatus.Rectifying, Messages.Action_StartRectification, RoundStatus.FedBack);

    /// <summary>Every target's rectification report is evaluated.</summary>
    public void Complete(DateTimeOffset now)
    {
        Status = Transitions.Move(Status, RoundStatus.Completed, Messages.Action_Complete, RoundStatus.Rectifying);
        CompletedAt = now;
    }
}
