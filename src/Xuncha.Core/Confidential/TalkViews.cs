namespace Xuncha.Confidential;

public sealed record TalkRow(
    Guid Id, Guid TargetId, string Name, string? Post, TalkCategory Category, DateOnly? PlannedOn, TalkStatus Status, DateOnly? TalkedOn,
    IReadOnlyList<string> Interviewers, bool Confirmed, string? CancelReason, uint Version);

public sealed record TalkList(Guid TargetId, string OrganizationName, string RoundName, Guid GroupId, IReadOnlyList<TalkRow> Talks,
    IReadOnlyList<LeaderRow> Roster, IReadOnlyList<GroupPerson> GroupMembers, bool CanWrite);

public sealed record TalkDetail(TalkRow Row, TalkContent? Content, IReadOnlyList<Guid> InterviewerIds, string OrganizationName, string RoundName,
    IReadOnlyList<GroupPerson> GroupMembers, bool CanWrite);

public sealed record TalkInput(string? Name, string? Post, TalkCategory Category, DateOnly? PlannedOn);

public sealed record TalkRecordInput(DateOnly? TalkedOn, IReadOnlyList<Guid>? Interviewers, string? Place, string? Content, bool Confirmed, string? ConfirmationNote);

public sealed record LeaderRow(Guid Id, string Name, string Post, TalkCategory Category, DateOnly? RetiredOn);

public sealed record LeaderInput(string? Name, string? Post, TalkCategory Category, DateOnly? RetiredOn);

public sealed record TalkTargetRow(Guid TargetId, string OrganizationName, string RoundName, string GroupName, int Planned, int Done);

public sealed record GroupPerson(Guid Id, string Name);
