using Xuncha.Common;

namespace Xuncha.Confidential;

public enum LetterChannel
{
    Online,
    Mail,
    Phone,
    Visit,
    Email,
}

public enum LetterStatus
{
    Received,
    Verifying,
    Closed,
}

public enum LetterDecision
{
    ToProblem,
    ToClue,
    Verify,
    Archive,
}

/// <summary>What a letter says, sealed with its key: whom it is about, what happened, and who wrote (when named).</summary>
public sealed record LetterContent(string? SubjectName, string? SubjectPost, string? SubjectUnit, string Content, string? ReporterName, string? ReporterPhone);

/// <summary>How a letter was decided and, for 了解核实, what the checking found; sealed.</summary>
public sealed record LetterHandling(string Reason, string? Result);

/// <summary>
/// A letter or report (信访件) to a group during its tour, sent from the public page or registered by a member
/// (mail, phone, visit). Plain: the routing (group, unit), the channel, the day it came, its state. Sealed: what
/// it says and how it was handled. Its id is random, it stores the day only, and its receipt code only as a
/// keyed, salted hash. States: 待处理 → (转为问题 | 转为线索 | 存档) 已办结, or → 核实中 → 已办结.
/// </summary>
public sealed class Letter : IVersioned, IPublicSubmission
{
    public const string RecordType = "letter";
    public const int ContentMax = 10000, NameMax = 50, PostMax = 100, UnitMax = 100, PhoneMax = 30, ReasonMax = 2000;

    private Letter() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid? TargetId { get; private set; }
    public int Sequence { get; private set; }
    public LetterChannel Channel { get; private set; }
    public bool IsAnonymous { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public LetterStatus Status { get; private set; }
    public LetterDecision? Decision { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public Guid? CategoryId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public Guid? ProblemId { get; private set; }
    public Guid? ClueId { get; private set; }
    public Guid? RegisteredBy { get; private set; }
    public int ReceiptTag { get; private set; }
    public byte[] ReceiptSalt { get; private set; } = [];
    public byte[] ReceiptHash { get; private set; } = [];
    public byte[] Content { get; private set; } = [];
    public byte[]? Handling { get; private set; }
    public int[] Tokens { get; private set; } = [];

    /// <summary>Whether the group has a question the writer has not answered yet (shown on the receipt page).</summary>
    public bool AwaitingReporter { get; private set; }

    public uint Version { get; private set; }

    public static Letter Receive(Guid id, Guid roundId, Guid groupId, Guid? targetId, int sequence, LetterChannel channel, bool anonymous,
        DateOnly on, Guid? registeredBy, (int Tag, byte[] Salt, byte[] Hash) receipt) => new()
    {
        Id = id, RoundId = roundId, GroupId = groupId, TargetId = targetId, Sequence = sequence, Channel = channel, IsAnonymous = anonymous,
        ReceivedOn = on, RegisteredBy = registeredBy, Status = LetterStatus.Received,
        ReceiptTag = receipt.Tag, ReceiptSalt = receipt.Salt, ReceiptHash = receipt.Hash,
    };

    public void Seal(byte[] content, int[] tokens)
    {
        Content = content;
        Tokens = tokens;
    }

    public void Classify(Guid? categoryId, Guid? assigneeId)
    {
        if (Status == LetterStatus.Closed) throw new DomainException(string.Format(Messages.Transition_Illegal, Status.Label(), Messages.Action_Classify));
        CategoryId = categoryId;
        AssigneeId = assigneeId;
    }

    /// <summary>转为问题 / 转为线索 / 存档 close the letter; 了解核实 keeps it open until <see cref="Conclude"/>.</summary>
    public void Decide(LetterDecision decision, byte[] handling, DateOnly on, Guid? problemId, Guid? clueId)
    {
        var to = decision == LetterDecision.Verify ? LetterStatus.Verifying : LetterStatus.Closed;
        Status = Transitions.Move(Status, to, decision.Label(), LetterStatus.Received);
        Decision = decision;
        DecidedOn = on;
        Handling = handling;
        ProblemId = problemId;
        ClueId = clueId;
    }

    /// <summary>了解核实 done: what was found is recorded and the letter closes (or is turned into a problem or clue).</summary>
    public void Conclude(LetterDecision outcome, byte[] handling, DateOnly on, Guid? problemId, Guid? clueId)
    {
        if (outcome == LetterDecision.Verify) throw new DomainException(Messages.Letter_ConcludeHow);
        Status = Transitions.Move(Status, LetterStatus.Closed, Messages.Action_Conclude, LetterStatus.Verifying);
        Decision = outcome;
        DecidedOn = on;
        Handling = handling;
        ProblemId = problemId;
        ClueId = clueId;
    }

    /// <summary>A question to the writer through the receipt; a closed letter takes no more answers, so it takes no questions.</summary>
    public void Asked()
    {
        if (Status == LetterStatus.Closed) throw new DomainException(Messages.Letter_ClosedNoQuestion);
        AwaitingReporter = true;
    }

    public void Answered() => AwaitingReporter = false;
}

/// <summary>A message between the group and the writer through the receipt channel. Sealed with the letter's key; dated by the day.</summary>
public sealed class LetterMessage : IPublicSubmission
{
    public const int BodyMax = 4000;

    private LetterMessage() { }

    public Guid Id { get; private set; }
    public Guid LetterId { get; private set; }
    public bool FromReporter { get; private set; }
    public DateOnly SentOn { get; private set; }
    public Guid? AuthorId { get; private set; }
    public byte[] Body { get; private set; } = [];

    public static LetterMessage Of(Guid id, Guid letterId, bool fromReporter, DateOnly on, Guid? authorId, byte[] body) =>
        new() { Id = id, LetterId = letterId, FromReporter = fromReporter, SentOn = on, AuthorId = authorId, Body = body };
}
