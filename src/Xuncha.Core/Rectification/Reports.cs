using Xuncha.Common;

namespace Xuncha.Rectification;

public enum ReportStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
}

public enum Grade
{
    Good,
    FairlyGood,
    Average,
    Poor,
}

/// <summary>An inspection group's report (巡察报告) to the leading group; problems by category come from the approved problems.</summary>
public sealed class GroupReport : Common.IVersioned
{
    public const int TextMax = 20000;

    private GroupReport() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid GroupId { get; private set; }
    public string GeneralAssessment { get; private set; } = "";
    public string? Suggestions { get; private set; }
    public ReportStatus Status { get; private set; }
    public string? ReviewComment { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public uint Version { get; private set; }

    public static GroupReport Start(Guid id, Guid roundId, Guid groupId) => new() { Id = id, RoundId = roundId, GroupId = groupId, Status = ReportStatus.Draft };

    public void Edit(string assessment, string? suggestions)
    {
        if (Status is not (ReportStatus.Draft or ReportStatus.Returned))
            throw new DomainException(string.Format(Messages.Report_NotEditable, Status.Label()));
        GeneralAssessment = assessment;
        Suggestions = suggestions;
    }

    public void Submit(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(GeneralAssessment)) throw new ValidationException("generalAssessment", Messages.Error_Required);
        Status = Transitions.Move(Status, ReportStatus.Submitted, Messages.Action_Submit, ReportStatus.Draft, ReportStatus.Returned);
        SubmittedAt = now;
    }

    public void Approve(Guid by, string? comment, DateTimeOffset now)
    {
        Status = Transitions.Move(Status, ReportStatus.Approved, Messages.Action_Approve, ReportStatus.Submitted);
        ApprovedBy = by;
        ApprovedAt = now;
        ReviewComment = comment;
    }

    public void Return(string comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw new ValidationException("comment", Messages.Review_CommentRequired);
        Status = Transitions.Move(Status, ReportStatus.Returned, Messages.Action_Return, ReportStatus.Submitted);
        ReviewComment = comment;
    }
}

public enum RectificationReportStatus
{
    Draft,
    Submitted,
    Returned,
    Evaluated,
}

/// <summary>The unit's rectification report (整改报告), evaluated by the office: 好, 较好, 一般 or 差, with a comment.</summary>
public sealed class RectificationReport : Common.IVersioned
{
    public const int TextMax = 20000, CommentMax = 4000;

    private RectificationReport() { }

    public Guid Id { get; private set; }
    public Guid TargetId { get; private set; }
    public string Summary { get; private set; } = "";
    public RectificationReportStatus Status { get; private set; }
    public Grade? Grade { get; private set; }
    public string? EvaluationComment { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? EvaluatedAt { get; private set; }
    public Guid? EvaluatedBy { get; private set; }
    public uint Version { get; private set; }

    public static RectificationReport Start(Guid id, Guid targetId) => new() { Id = id, TargetId = targetId, Status = RectificationReportStatus.Draft };

    public void Edit(string summary)
    {
        if (Status is not (RectificationReportStatus.Draft or RectificationReportStatus.Returned))
            throw new DomainException(string.Format(Messages.Report_NotEditable, Status.Label()));
        Summary = summary;
    }

    public void Submit(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Summary)) throw new ValidationException("summary", Messages.Error_Required);
        Status = Transitions.Move(Status, RectificationReportStatus.Submitted, Messages.Action_Submit,
            RectificationReportStatus.Draft, RectificationReportStatus.Returned);
        SubmittedAt = now;
    }

    public void Evaluate(Guid by, Grade grade, string? comment, DateTimeOffset now)
    {
        Status = Transitions.Move(Status, RectificationReportStatus.Evaluated, Messages.Action_Evaluate, RectificationReportStatus.Submitted);
        Grade = grade;
        EvaluationComment = comment;
        EvaluatedBy = by;
        EvaluatedAt = now;
    }

    /// <summary>Not fit to evaluate yet: the unit does make-up work and submits again.</summary>
    public void Return(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ValidationException("reason", Messages.Review_CommentRequired);
        Status = Transitions.Move(Status, RectificationReportStatus.Returned, Messages.Action_Return, RectificationReportStatus.Submitted);
        ReturnReason = reason;
    }
}
