using Xuncha.Common;

namespace Xuncha.Confidential;

/// <summary>Who a planned talk is with: the default list takes the first four from the unit's roster.</summary>
public enum TalkCategory
{
    Leadership,
    DisciplineHead,
    OrganizationHead,
    Retired,
    Other,
}

public enum TalkStatus
{
    Planned,
    Done,
    Cancelled,
}

/// <summary>What was said, sealed: the place, the content as recorded, and how the interviewee confirmed it.</summary>
public sealed record TalkContent(string? Place, string Content, string? ConfirmationNote);

/// <summary>
/// One individual talk (个别谈话) of a group with someone of the inspected unit: planned on the talk list, then
/// recorded — the day, at least two interviewers of the group, the content (sealed) and the interviewee's
/// confirmation — or cancelled with a reason. Visible to the group and the office only.
/// </summary>
public sealed class TalkEntry : IVersioned
{
    public const string RecordType = "talk";
    public const int NameMax = 50, PostMax = 100, ContentMax = 20000, NoteMax = 1000;

    private TalkEntry() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid TargetId { get; private set; }
    public Guid GroupId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Post { get; private set; }
    public TalkCategory Category { get; private set; }
    public DateOnly? PlannedOn { get; private set; }
    public TalkStatus Status { get; private set; }
    public string? CancelReason { get; private set; }
    public DateOnly? TalkedOn { get; private set; }
    public Guid[] Interviewers { get; private set; } = [];
    public bool Confirmed { get; private set; }
    public byte[]? Record { get; private set; }
    public int[] Tokens { get; private set; } = [];
    public Guid? RecordedBy { get; private set; }
    public uint Version { get; private set; }

    public static TalkEntry Plan(Guid id, Guid roundId, Guid targetId, Guid groupId, string name, string? post, TalkCategory category, DateOnly? plannedOn) =>
        new() { Id = id, RoundId = roundId, TargetId = targetId, GroupId = groupId, Name = name, Post = post, Category = category, PlannedOn = plannedOn, Status = TalkStatus.Planned };

    /// <summary>Records the talk (again, to correct it, until it is confirmed).</summary>
    public void Write(DateOnly on, Guid[] interviewers, bool confirmed, byte[] record, int[] tokens, Guid by)
    {
        if (Status == TalkStatus.Cancelled) throw new DomainException(string.Format(Messages.Transition_Illegal, Status.Label(), Messages.Action_Record));
        if (Status == TalkStatus.Done && Confirmed) throw new DomainException(Messages.Talk_Confirmed);
        if (interviewers.Distinct().Count() < 2) throw new ValidationException("interviewers", Messages.Talk_TwoInterviewers);
        Status = TalkStatus.Done;
        TalkedOn = on;
        Interviewers = interviewers.Distinct().ToArray();
        Confirmed = confirmed;
        Record = record;
        Tokens = tokens;
        RecordedBy = by;
    }

    public void Cancel(string reason)
    {
        Status = Transitions.Move(Status, TalkStatus.Cancelled, Messages.Action_Cancel, TalkStatus.Planned);
        CancelReason = reason;
    }
}

/// <summary>A member of a unit's leadership roster (班子成员名册), from which the default talk list is drawn.</summary>
public sealed class UnitLeader
{
    public const int NameMax = 50, PostMax = 100;

    private UnitLeader() { }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public string Post { get; private set; } = "";
    public TalkCategory Category { get; private set; }

    /// <summary>When they retired (or left the post); null while serving.</summary>
    public DateOnly? RetiredOn { get; private set; }

    public int SortOrder { get; private set; }

    public static UnitLeader Of(Guid id, Guid organizationId, string name, string post, TalkCategory category, DateOnly? retiredOn, int sortOrder)
    {
        if (category is TalkCategory.Retired or TalkCategory.Other) throw new ValidationException("category", Messages.Talk_RosterCategory);
        return new() { Id = id, OrganizationId = organizationId, Name = name, Post = post, Category = category, RetiredOn = retiredOn, SortOrder = sortOrder };
    }
}
