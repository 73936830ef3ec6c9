namespace Xuncha.Confidential;

public sealed record LetterInput(
    Guid? GroupId, Guid? TargetId, LetterChannel Channel, bool Anonymous, DateOnly? ReceivedOn,
    string? SubjectName, string? SubjectPost, string? SubjectUnit, string? Content, string? ReporterName, string? ReporterPhone);

public sealed record PublicLetterInput(
    Guid? TargetId, bool Anonymous, string? SubjectName, string? SubjectPost, string? SubjectUnit, string? Content,
    string? ReporterName, string? ReporterPhone);

public sealed record LetterFilter(Guid? RoundId = null, Guid? GroupId = null, LetterStatus? Status = null, string? Search = null);

public sealed record LetterRow(
    Guid Id, string Number, Guid RoundId, string RoundName, Guid GroupId, string GroupName, Guid? TargetId, string? TargetName,
    LetterChannel Channel, bool IsAnonymous, DateOnly ReceivedOn, LetterStatus Status, LetterDecision? Decision, string? Category,
    string? Assignee, string Gist, bool AwaitingReporter, uint Version);

public sealed record LetterMessageView(bool FromReporter, DateOnly SentOn, string? Author, string Body);

public sealed record LetterDetail(
    LetterRow Row, LetterContent Content, LetterHandling? Handling, IReadOnlyList<LetterMessageView> Messages,
    IReadOnlyList<SealedFileView> Files, Guid? CategoryId, Guid? AssigneeId, Guid? ProblemId, Guid? ClueId,
    bool CanHandle, bool CanDecide, bool CanDelete);

/// <summary>How a letter is decided. 转为问题 needs a title, a category and the text; 转为线索 the clue's fields.</summary>
public sealed record LetterDecisionInput(
    LetterDecision Decision, string? Reason, string? ProblemTitle = null, Guid? CategoryId = null, string? ProblemText = null,
    ClueInput? Clue = null);

/// <summary>What the public page shows before anyone writes.</summary>
public sealed record PublicChannel(string Token, string RoundName, string GroupName, int GroupNumber, IReadOnlyList<PublicTarget> Targets,
    bool Open, DateOnly? Until);

public sealed record PublicTarget(Guid Id, string Name);

/// <summary>What a receipt code shows its holder: never the group's reasons, only where the letter stands and the messages.</summary>
/// <summary>A letter as its writer sees it with the receipt code; a closed letter takes no more answers.</summary>
public sealed record ReceiptView(string Number, DateOnly ReceivedOn, string State, bool AwaitingReporter, IReadOnlyList<LetterMessageView> Messages,
    bool IsClosed = false);

/// <summary>A group's public report page: its link is <c>/report/{Token}</c>.</summary>
public sealed record ChannelLink(Guid GroupId, string GroupName, string RoundName, string Token, IReadOnlyList<PublicTarget> Targets);
