namespace Xuncha.Confidential;

public sealed record ClueInput(
    Guid? RoundId, Guid? GroupId, Guid? OrganizationId, ClueSource Source, Guid? SourceId, ClueLevel Level, bool TopLeader,
    string? SubjectName, string? SubjectPost, string? Summary, string? Evidence);

public sealed record ClueFilter(
    Guid? RoundId = null, ClueStatus? Status = null, ClueReceiver? Receiver = null, Guid? TransferId = null, bool OverdueOnly = false,
    string? Search = null);

public sealed record ClueRow(
    Guid Id, string Number, Guid RoundId, string RoundName, string? GroupName, Guid OrganizationId, string OrganizationName, ClueSource Source,
    ClueLevel Level, bool IsSealed, bool Hidden, ClueStatus Status, ClueReceiver? Receiver, Guid? TransferId, string? TransferNumber,
    DateOnly RegisteredOn, DateOnly? AcknowledgedOn, DateOnly? ReplyDue, ClueDisposal? Disposal, DisciplineForm? Form, DateOnly? DisposedOn,
    string? Subject, string? Gist, bool Overdue, bool DueSoon, uint Version);

public sealed record ClueDetail(
    ClueRow Row, ClueContent? Content, string? Outcome, IReadOnlyList<SealedFileView> Files, Guid? SourceId,
    bool CanEdit, bool CanAcknowledge, bool CanDispose, bool CanDelete);

public sealed record ClueTransferInput(ClueReceiver Receiver, IReadOnlyList<Guid> ClueIds, DateOnly? On = null, string? Note = null);

public sealed record ClueDisposalInput(ClueDisposal Disposal, DisciplineForm? Form, string? Outcome, DateOnly? On = null);

public sealed record TransferRow(
    Guid Id, string Number, ClueReceiver Receiver, DateOnly TransferredOn, string TransferredBy, int Clues, DateOnly? AcknowledgedOn,
    string? AcknowledgedBy, string? Note, string RoundName, bool CanAcknowledge, uint Version);

/// <summary>统计: how many clues were transferred, signed for, disposed, by form, and how many replies are overdue.</summary>
public sealed record ClueStats(
    int Registered, int Transferred, int Acknowledged, int Disposed, int Sealed, int Overdue, int DueSoon,
    IReadOnlyDictionary<ClueReceiver, int> ByReceiver, IReadOnlyDictionary<ClueDisposal, int> ByDisposal, IReadOnlyDictionary<DisciplineForm, int> ByForm);

public sealed record ClueTargetOption(Guid RoundId, string RoundName, Guid OrganizationId, string OrganizationName);
