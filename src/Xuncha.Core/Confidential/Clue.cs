using Xuncha.Common;

namespace Xuncha.Confidential;

public enum ClueSource
{
    Fieldwork,
    Letter,
    Talk,
}

public enum ClueLevel
{
    Ordinary,
    Secret,
    Confidential,
}

public enum ClueStatus
{
    Registered,
    Transferred,
    Acknowledged,
    Disposed,
}

public enum ClueReceiver
{
    Discipline,
    Organization,
}

/// <summary>How the receiver handles a clue (处置方式).</summary>
public enum ClueDisposal
{
    TalkOrLetter,
    PreliminaryCheck,
    Shelved,
    Closed,
}

/// <summary>The four forms of supervision and discipline (四种形态), when a clue is acted on.</summary>
public enum DisciplineForm
{
    First,
    Second,
    Third,
    Fourth,
}

/// <summary>What a clue is, sealed: whom it is about, the summary and the evidence as written.</summary>
public sealed record ClueContent(string SubjectName, string? SubjectPost, string Summary, string? Evidence);

/// <summary>
/// A clue (问题线索) about a person, for the discipline commission or the organisation department. Plain: the
/// round, group, the subject's organisation, source, level, whether it is sealed, and its progress (transfer,
/// receipt, disposition and the reply's due day). Sealed: the subject's name and post, the summary, the evidence,
/// the outcome. A clue about a unit's top leader is sealed (密封): only the 纪委书记 and the 巡察办主任 open it.
/// </summary>
public sealed class Clue : IVersioned
{
    public const string RecordType = "clue";
    public const int NameMax = 50, PostMax = 100, SummaryMax = 10000, OutcomeMax = 4000;

    private Clue() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid? GroupId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public int Sequence { get; private set; }
    public ClueSource Source { get; private set; }
    public Guid? SourceId { get; private set; }
    public ClueLevel Level { get; private set; }
    public bool IsSealed { get; private set; }
    public ClueStatus Status { get; private set; }
    public Guid? TransferId { get; private set; }
    public ClueReceiver? Receiver { get; private set; }
    public DateOnly? AcknowledgedOn { get; private set; }
    public DateOnly? ReplyDue { get; private set; }
    public ClueDisposal? Disposal { get; private set; }
    public DisciplineForm? Form { get; private set; }
    public DateOnly? DisposedOn { get; private set; }
    public Guid RegisteredBy { get; private set; }
    public DateOnly RegisteredOn { get; private set; }
    public byte[] Content { get; private set; } = [];
    public byte[]? Outcome { get; private set; }
    public int[] Tokens { get; private set; } = [];
    public uint Version { get; private set; }

    public static Clue Register(Guid id, Guid roundId, Guid? groupId, Guid organizationId, int sequence, ClueSource source, Guid? sourceId,
        ClueLevel level, bool isSealed, Guid by, DateOnly on) => new()
    {
        Id = id, RoundId = roundId, GroupId = groupId, OrganizationId = organizationId, Sequence = sequence, Source = source, SourceId = sourceId,
        Level = level, IsSealed = isSealed, RegisteredBy = by, RegisteredOn = on, Status = ClueStatus.Registered,
    };

    /// <summary>The round's prefix and the clue's place in the round: [2026]2巡-线索03.</summary>
    public static string FormatNumber(int year, int ordinal, int sequence) => $"[{year}]{ordinal}巡-线索{sequence:00}";

    public void Seal(byte[] content, int[] tokens)
    {
        if (Status != ClueStatus.Registered) throw new DomainException(string.Format(Messages.Transition_Illegal, Status.Label(), Messages.Action_Edit));
        Content = content;
        Tokens = tokens;
    }

    public void Reclassify(ClueLevel level, bool isSealed)
    {
        if (Status != ClueStatus.Registered) throw new DomainException(string.Format(Messages.Transition_Illegal, Status.Label(), Messages.Action_Edit));
        Level = level;
        IsSealed = isSealed;
    }

    public void Transfer(Guid transferId, ClueReceiver receiver)
    {
        Status = Transitions.Move(Status, ClueStatus.Transferred, Messages.Action_Transfer, ClueStatus.Registered);
        TransferId = transferId;
        Receiver = receiver;
    }

    /// <summary>The receiver signs for it; the reply is due some months later.</summary>
    public void Acknowledge(DateOnly on, int replyMonths)
    {
        Status = Transitions.Move(Status, ClueStatus.Acknowledged, Messages.Action_Acknowledge, ClueStatus.Transferred);
        AcknowledgedOn = on;
        ReplyDue = on.AddMonths(replyMonths);
    }

    /// <summary>The disposition: how it was handled and, when acted on, the form and its outcome (sealed).</summary>
    public void Dispose(ClueDisposal disposal, DisciplineForm? form, byte[]? outcome, DateOnly on)
    {
        if (form is not null && disposal is ClueDisposal.Shelved or ClueDisposal.Closed)
            throw new ValidationException("form", Messages.Clue_FormNeedsAction);
        Status = Transitions.Move(Status, ClueStatus.Disposed, Messages.Action_Dispose, ClueStatus.Acknowledged);
        Disposal = disposal;
        Form = form;
        Outcome = outcome;
        DisposedOn = on;
    }

    /// <summary>The search tokens again, when the outcome adds words to find it by.</summary>
    public void Reindex(int[] tokens) => Tokens = tokens;

    public bool IsOverdue(DateOnly today) => Status == ClueStatus.Acknowledged && ReplyDue < today;
}

/// <summary>A batch of clues handed to one receiver with a transfer list (移交清单); the receiver signs for it.</summary>
public sealed class ClueTransfer : IVersioned
{
    public const int NoteMax = 500;

    private ClueTransfer() { }

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public int Sequence { get; private set; }
    public ClueReceiver Receiver { get; private set; }
    public DateOnly TransferredOn { get; private set; }
    public Guid TransferredBy { get; private set; }
    public string? Note { get; private set; }
    public DateOnly? AcknowledgedOn { get; private set; }
    public Guid? AcknowledgedBy { get; private set; }
    public uint Version { get; private set; }

    public string Number => FormatNumber(Year, Sequence);

    public static string FormatNumber(int year, int sequence) => $"移交〔{year}〕{sequence}号";

    public static ClueTransfer Create(Guid id, int year, int sequence, ClueReceiver receiver, DateOnly on, Guid by, string? note) =>
        new() { Id = id, Year = year, Sequence = sequence, Receiver = receiver, TransferredOn = on, TransferredBy = by, Note = note };

    public void Acknowledge(DateOnly on, Guid by)
    {
        if (AcknowledgedOn is not null) throw new DomainException(Messages.Transfer_AlreadyAcknowledged);
        if (on < TransferredOn) throw new ValidationException("acknowledgedOn", Messages.Transfer_AckBeforeTransfer);
        AcknowledgedOn = on;
        AcknowledgedBy = by;
    }
}
