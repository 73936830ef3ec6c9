using Xuncha.Deadlines;
using Xuncha.Files;
using Xuncha.Problems;

namespace Xuncha.Rectification;

public sealed record MilestoneInput(DateOnly? DueOn, string? Description);

public sealed record TaskInput(
    Guid? ProblemId, string? Goal, string? Measures, string? ResponsibleLeader, Guid? LeadOrganizationId,
    IReadOnlyList<Guid>? CoOrganizationIds, TaskKind? Kind, DateOnly? Deadline, IReadOnlyList<MilestoneInput>? Milestones);

public sealed record OrgRef(Guid Id, string Name);

public sealed record MilestoneView(DateOnly DueOn, string Description);

public sealed record TaskView(
    Guid Id, Guid ProblemId, int Sequence, string Goal, string Measures, string ResponsibleLeader, OrgRef LeadOrganization,
    IReadOnlyList<OrgRef> CoOrganizations, TaskKind Kind, DateOnly? Deadline, IReadOnlyList<MilestoneView> Milestones,
    TaskState State, int Percent, bool IsSupplementary, string? ReviewComment, string? ClosureStatement, string? ClosureReturnReason,
    DateOnly? ClosedOn, ClosureResult? ClosureResult, Countdown? Due, uint Version)
{
    public string KindName => Common.Labels.Of(Kind);
    public string StateName => Common.Labels.Of(State);

    /// <summary>What the ledger shows as 完成时限: the date, or 长期坚持.</summary>
    public string DeadlineText => Deadline?.ToString("yyyy-MM-dd") ?? Messages.TaskKind_LongTerm;
}

public sealed record PlanProblem(ProblemRow Problem, IReadOnlyList<TaskView> Tasks);

public sealed record RevisionView(int Number, DateTimeOffset SubmittedAt, string SubmittedBy, PlanStatus? Outcome, string? ReviewComment);

public sealed record PlanView(
    Guid TargetId, Guid RoundId, string RoundName, Guid CommitteeId, Guid OrganizationId, string OrganizationName, DateOnly FeedbackDate,
    Countdown PlanDue, Countdown ReportDue, Guid PlanId, PlanStatus Status, int Revision, string? ReviewComment,
    IReadOnlyList<PlanProblem> Problems, IReadOnlyList<RevisionView> Revisions,
    bool CanEdit, bool CanReview, bool CanPropose, bool CanReviewSupplements, uint Version, bool OnBehalf = false, bool HasLiaison = true)
{
    public string StatusName => Common.Labels.Of(Status);
}

public sealed record ProgressView(Guid Id, string Text, int Percent, bool IsClosureRequest, string ReportedBy, DateTimeOffset ReportedAt, IReadOnlyList<FileView> Files);

public sealed record TaskDetail(
    TaskView Task, ProblemRow Problem, Guid TargetId, string OrganizationName, IReadOnlyList<ProgressView> Progress,
    bool CanReport, bool CanReview);

public sealed record FieldDiff(string Field, string? Old, string? New);

public sealed record TaskDiff(string Task, string Change, IReadOnlyList<FieldDiff> Fields);

/// <summary>A task as it stood in a submitted revision (stored as JSON, compared field by field).</summary>
public sealed record TaskSnapshot(
    Guid Id, string? ProblemNumber, string ProblemTitle, int Sequence, string Goal, string Measures, string ResponsibleLeader,
    string LeadOrganization, IReadOnlyList<string> CoOrganizations, TaskKind Kind, DateOnly? Deadline, IReadOnlyList<MilestoneView> Milestones);
