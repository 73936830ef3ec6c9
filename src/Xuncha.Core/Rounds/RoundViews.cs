using Xuncha.Deadlines;
using Xuncha.Rectification;

namespace Xuncha.Rounds;

public sealed record RoundSummary(
    Guid Id, string Name, RoundType Type, RoundStatus Status, int Year, int Ordinal, DateOnly PlannedStart, DateOnly PlannedEnd,
    int Targets, int Groups, int Problems, int FedBack, uint Version)
{
    public string TypeName => Common.Labels.Of(Type);
    public string StatusName => Common.Labels.Of(Status);
}

/// <summary>A group's member: the pool member, and their account when they have one.</summary>
public sealed record MemberView(Guid MemberId, Guid? UserId, string? UserName, string DisplayName, string? OrganizationName, GroupRole Role)
{
    public string RoleName => Common.Labels.Of(Role);
}

public sealed record GroupView(Guid Id, int Number, string Name, IReadOnlyList<MemberView> Members, IReadOnlyList<Guid> TargetIds,
    ReportStatus? ReportStatus, uint Version);

/// <summary>A target as its round shows it: where it stands, what is due when.</summary>
public sealed record TargetView(
    Guid Id, Guid OrganizationId, string OrganizationName, Guid? GroupId, string? GroupName, DateOnly? FeedbackDate,
    Countdown? PlanDue, Countdown? ReportDue, PlanStatus? PlanStatus, RectificationReportStatus? ReportStatus, Grade? Grade,
    int Problems, int Tasks, int TasksClosed, int TasksOverdue, uint Version);

public sealed record RoundDetail(
    Guid Id, string Name, RoundType Type, RoundStatus Status, int Year, int Ordinal, string NumberPrefix,
    Guid CommitteeId, string CommitteeName, Guid? TermId, string? TermName, Guid TaxonomyId, string TaxonomyName,
    string? Theme, string? FocusPoints, DateOnly PlannedStart, DateOnly PlannedEnd, string? ReviewComment,
    DateOnly? FieldworkStartedOn, DateOnly? FieldworkEndedOn, IReadOnlyList<TargetView> Targets, IReadOnlyList<GroupView> Groups, uint Version)
{
    public string TypeName => Common.Labels.Of(Type);
    public string StatusName => Common.Labels.Of(Status);
}
